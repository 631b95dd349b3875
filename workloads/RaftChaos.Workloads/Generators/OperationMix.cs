namespace RaftChaos.Workloads.Generators;

/// <summary>Relative weights of reads, writes, cas and appends in a generator's output.</summary>
/// <param name="Read">Weight of reads.</param>
/// <param name="Write">Weight of writes.</param>
/// <param name="Cas">Weight of compare-and-sets.</param>
/// <param name="Append">Weight of appends (kv workload only; the target's client must support them). Default 0.</param>
public sealed record OperationMix(int Read, int Write, int Cas, int Append = 0)
{
    /// <summary>Equal thirds, as Jepsen's register workloads (r, w, cas) mix them.</summary>
    public static OperationMix Default { get; } = new(1, 1, 1);

    /// <summary>Equal quarters of read, write, cas and append.</summary>
    public static OperationMix WithAppends { get; } = new(1, 1, 1, 1);

    /// <summary>Sum of the weights.</summary>
    public int Total => Read + Write + Cas + Append;

    /// <summary>Throws when a weight is negative or all are zero.</summary>
    public void Validate()
    {
        if (Read < 0 || Write < 0 || Cas < 0 || Append < 0 || Total == 0)
        {
            throw new ArgumentException($"operation weights must be non-negative and not all zero, got read {Read}, write {Write}, cas {Cas}, append {Append}");
        }
    }

    /// <summary>Draws a function name with these weights.</summary>
    public string Pick(Random random)
    {
        var roll = random.Next(Total);
        return roll < Read ? WorkloadOperation.Functions.Read
            : roll < Read + Write ? WorkloadOperation.Functions.Write
            : roll < Read + Write + Cas ? WorkloadOperation.Functions.Cas
            : WorkloadOperation.Functions.Append;
    }
}
