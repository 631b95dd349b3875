namespace RaftChaos.Workloads.Generators;

/// <summary>
/// A pure source of operations: given a seeded <see cref="Random"/> and the asking process, the next operation.
/// Generators hold no mutable state, so the same seed gives the same operations (tests simulate them with a fixed
/// seed) and one generator serves every process, each with its own <see cref="Random"/>.
/// </summary>
public abstract class OperationGenerator
{
    /// <summary>The workload's name, e.g. <c>register</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The checker model that judges this workload's history (a <c>BuiltInModels</c> name).</summary>
    public abstract string ModelName { get; }

    /// <summary>Every key an operation may use (history keys; null is the single register).</summary>
    public abstract IReadOnlyList<string?> Keys { get; }

    /// <summary>The next operation for <paramref name="context"/>; all randomness comes from <paramref name="random"/>.</summary>
    public abstract WorkloadOperation Next(Random random, GeneratorContext context);

    /// <summary>
    /// A read, write or cas of <paramref name="key"/> with values drawn from 0 .. valueCount-1, or an append of a piece
    /// unique to the asking process and its sequence (<c>a3.17;</c>: the letter keeps it from ever reading as an integer,
    /// and uniqueness lets the checker tell whose append a read saw).
    /// </summary>
    private protected static WorkloadOperation RegisterOperation(Random random, OperationMix mix, string? key, int valueCount, GeneratorContext context) =>
        mix.Pick(random) switch
        {
            WorkloadOperation.Functions.Read => WorkloadOperation.Read(key),
            WorkloadOperation.Functions.Write => WorkloadOperation.Write(key, random.Next(valueCount)),
            WorkloadOperation.Functions.Append => WorkloadOperation.Append(key,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a{context.Process}.{context.Sequence};")),
            _ => WorkloadOperation.Cas(key, random.Next(valueCount), random.Next(valueCount)),
        };
}
