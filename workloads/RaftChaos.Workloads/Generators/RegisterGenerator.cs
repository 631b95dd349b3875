namespace RaftChaos.Workloads.Generators;

/// <summary>
/// The <c>register</c> workload: one register (history key null), read, write and cas with small values (0–4 by
/// default, as Jepsen uses), so that cas preconditions hold often enough to matter.
/// </summary>
public sealed class RegisterGenerator : OperationGenerator
{
    /// <summary>Creates the generator.</summary>
    /// <param name="valueCount">Values are drawn from 0 .. valueCount-1. Default 5.</param>
    /// <param name="mix">Weights of read/write/cas. Default <see cref="OperationMix.Default"/>.</param>
    public RegisterGenerator(int valueCount = 5, OperationMix? mix = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(valueCount, 1);
        ValueCount = valueCount;
        Mix = mix ?? OperationMix.Default;
        Mix.Validate();
        if (Mix.Append > 0)
        {
            throw new ArgumentException("the register workload has no appends (its cas-register model has none); use the kv workload", nameof(mix));
        }
    }

    /// <summary>The workload name.</summary>
    public const string WorkloadName = "register";

    /// <inheritdoc />
    public override string Name => WorkloadName;

    /// <inheritdoc />
    public override string ModelName => "cas-register";

    /// <inheritdoc />
    public override IReadOnlyList<string?> Keys { get; } = [null];

    /// <summary>Values are drawn from 0 .. ValueCount-1.</summary>
    public int ValueCount { get; }

    /// <summary>Weights of read/write/cas.</summary>
    public OperationMix Mix { get; }

    /// <inheritdoc />
    public override WorkloadOperation Next(Random random, GeneratorContext context) =>
        RegisterOperation(random, Mix, key: null, ValueCount, context);
}
