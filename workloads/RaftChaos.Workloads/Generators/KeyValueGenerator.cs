using System.Globalization;

namespace RaftChaos.Workloads.Generators;

/// <summary>
/// The <c>kv</c> workload: many independent registers <c>k0</c> .. <c>k{n-1}</c>, each read, written and cas'd with
/// small values; the checker checks each key on its own. Keys are drawn with a Zipf-like skew (weight of key i is
/// 1/(i+1)^skew) so a few keys see heavy contention, where linearizability bugs show, and the rest keep each
/// key's history short enough to check quickly.
/// </summary>
public sealed class KeyValueGenerator : OperationGenerator
{
    // cumulative[i] = sum of weights of keys 0..i; a draw is a binary search in it.
    private readonly double[] cumulative;

    /// <summary>Creates the generator.</summary>
    /// <param name="keyCount">Number of keys, 1 or more.</param>
    /// <param name="skew">Zipf exponent; 0 draws keys uniformly. Default 1.</param>
    /// <param name="valueCount">Values are drawn from 0 .. valueCount-1. Default 5.</param>
    /// <param name="mix">Weights of read/write/cas/append. Default <see cref="OperationMix.Default"/> (no appends).</param>
    public KeyValueGenerator(int keyCount, double skew = 1.0, int valueCount = 5, OperationMix? mix = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keyCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(skew);
        ArgumentOutOfRangeException.ThrowIfLessThan(valueCount, 1);
        Skew = skew;
        ValueCount = valueCount;
        Mix = mix ?? OperationMix.Default;
        Mix.Validate();
        Keys = Enumerable.Range(0, keyCount).Select(KeyName).ToArray();
        cumulative = new double[keyCount];
        var sum = 0.0;
        for (var i = 0; i < keyCount; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, skew);
            cumulative[i] = sum;
        }
    }

    /// <summary>The workload name.</summary>
    public const string WorkloadName = "kv";

    /// <inheritdoc />
    public override string Name => WorkloadName;

    /// <inheritdoc />
    public override string ModelName => "kv";

    /// <inheritdoc />
    public override IReadOnlyList<string?> Keys { get; }

    /// <summary>The Zipf exponent of key choice.</summary>
    public double Skew { get; }

    /// <summary>Values are drawn from 0 .. ValueCount-1.</summary>
    public int ValueCount { get; }

    /// <summary>Weights of read/write/cas.</summary>
    public OperationMix Mix { get; }

    /// <summary>The name of key <paramref name="index"/>: <c>k0</c>, <c>k1</c>, ...</summary>
    public static string KeyName(int index) => "k" + index.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override WorkloadOperation Next(Random random, GeneratorContext context)
    {
        // The key is drawn first so that the key sequence of a seed does not depend on the operation mix.
        var key = Keys[PickKeyIndex(random)];
        return RegisterOperation(random, Mix, key, ValueCount, context);
    }

    private int PickKeyIndex(Random random)
    {
        var roll = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, roll);
        // BinarySearch returns the complement of the first larger element when there is no exact match.
        index = index >= 0 ? index : ~index;
        return Math.Min(index, cumulative.Length - 1);
    }
}
