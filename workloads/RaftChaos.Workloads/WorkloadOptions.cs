using System.Globalization;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads;

/// <summary>
/// Configuration of a workload run (<c>raftchaos run --workload --rate --concurrency --timeout --keys --seed</c>).
/// Immutable (init-only properties with documented defaults; copy with <c>with</c>); call <see cref="Validate"/> (all problems at once, for a
/// usage error) or <see cref="EnsureValid"/> once before use.
/// </summary>
public sealed record WorkloadOptions
{
    /// <summary>The workload names <see cref="CreateGenerator"/> accepts.</summary>
    public static IReadOnlyList<string> WorkloadNames { get; } = [RegisterGenerator.WorkloadName, KeyValueGenerator.WorkloadName];

    /// <summary>The workload: <c>register</c> (one key) or <c>kv</c> (<see cref="KeyCount"/> keys). Default <c>register</c>.</summary>
    public string Workload { get; init; } = RegisterGenerator.WorkloadName;

    /// <summary>Operations per second over all processes (each process gets rate/concurrency, jittered). Default 100.</summary>
    public double Rate { get; init; } = 100;

    /// <summary>Logical client processes at any moment, bound round-robin to the nodes. Default 10.</summary>
    public int Concurrency { get; init; } = 10;

    /// <summary>
    /// Per-operation timeout: an operation not answered in time is recorded <c>info</c> (a read: <c>fail</c>) and the
    /// process retired. Default 2 s.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Follow the leader (<c>--follow-leader</c>, <c>--no-follow-leader</c>): when a write, cas, append or delete is
    /// refused with not-leader and the refusal names a leader, send it once more to that leader, within the same
    /// recorded operation. Sound because the refusal came before anything was proposed. Reads stay on the bound node,
    /// so stale reads on followers are still exercised. Default true; false sends every operation to the bound node only.
    /// </summary>
    public bool FollowLeader { get; init; } = true;

    /// <summary>Number of keys of the <c>kv</c> workload (the <c>register</c> workload has one and ignores this). Default 10.</summary>
    public int KeyCount { get; init; } = 10;

    /// <summary>Zipf exponent of key choice in <c>kv</c>; 0 is uniform. Default 1 (a few hot keys see contention).</summary>
    public double KeySkew { get; init; } = 1.0;

    /// <summary>Values written and compared are drawn from 0 .. ValueCount-1. Default 5 (0–4, as Jepsen).</summary>
    public int ValueCount { get; init; } = 5;

    /// <summary>Seed of every random choice (operations, keys, schedule jitter). Default 0; the CLI draws one and prints it.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Attempts per key and node in the final reads; each attempt is its own operation in the history (never a silent
    /// retry). Default 3.
    /// </summary>
    public int FinalReadAttempts { get; init; } = 3;

    /// <summary>Pause between final-read attempts of one key on one node. Default 250 ms.</summary>
    public TimeSpan FinalReadRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// kv workload only: a quarter of the operations are appends of a unique piece (read, write, cas, append in equal
    /// parts). Default: false. A chaos run turns it on for a target whose client does appends
    /// (<c>TargetCapabilities.Append</c>: etcd, one Txn attempt per append); our node's client has none.
    /// </summary>
    public bool Appends { get; init; }

    /// <summary>A copy with <see cref="Seed"/> set, leaving these options as they are (a run derives its workload seed without writing into its caller's options).</summary>
    public WorkloadOptions WithSeed(int seed) => this with { Seed = seed };

    /// <summary>Every problem with these options, each a sentence naming the option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!WorkloadNames.Contains(Workload, StringComparer.Ordinal))
        {
            errors.Add($"--workload must be one of {string.Join(", ", WorkloadNames)}; got '{Workload}'");
        }

        if (!double.IsFinite(Rate) || Rate <= 0)
        {
            errors.Add($"--rate must be a positive number of operations per second; got {Format(Rate)}");
        }

        if (Concurrency is < 1 or > 10_000)
        {
            errors.Add($"--concurrency must be from 1 to 10000 processes; got {Concurrency}");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"--timeout must be positive; got {Timeout}");
        }

        if (KeyCount is < 1 or > 100_000)
        {
            errors.Add($"--keys must be from 1 to 100000; got {KeyCount}");
        }

        if (!double.IsFinite(KeySkew) || KeySkew < 0)
        {
            errors.Add($"key skew must be 0 or more; got {Format(KeySkew)}");
        }

        if (Appends && Workload != KeyValueGenerator.WorkloadName)
        {
            errors.Add($"appends need the kv workload; got '{Workload}'");
        }

        if (ValueCount < 1)
        {
            errors.Add($"value count must be 1 or more; got {ValueCount}");
        }

        if (FinalReadAttempts < 1)
        {
            errors.Add($"final read attempts must be 1 or more; got {FinalReadAttempts}");
        }

        if (FinalReadRetryDelay < TimeSpan.Zero)
        {
            errors.Add($"final read retry delay must not be negative; got {FinalReadRetryDelay}");
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem, when there is one.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid workload options: " + string.Join("; ", errors));
        }
    }

    /// <summary>The generator these options describe (validates first).</summary>
    public OperationGenerator CreateGenerator()
    {
        EnsureValid();
        return Workload == KeyValueGenerator.WorkloadName
            ? new KeyValueGenerator(KeyCount, KeySkew, ValueCount, Appends ? OperationMix.WithAppends : OperationMix.Default)
            : new RegisterGenerator(ValueCount);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
