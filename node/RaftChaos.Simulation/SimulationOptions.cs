using RaftChaos.Raft;

namespace RaftChaos.Simulation;

/// <summary>One simulated run. Everything random in it derives from <see cref="Seed"/>.</summary>
public sealed record SimulationOptions
{
    /// <summary>The seed: it decides the fault profile, every delay, drop, partition, crash, clock rate and client choice.</summary>
    public int Seed { get; init; }

    /// <summary>Cluster size: 3, 5 or 7. Default 5.</summary>
    public int Nodes { get; init; } = 5;

    /// <summary>Length of the main (faulty) phase in ticks of true time. Default 300 (30 s at 100 ms).</summary>
    public int Steps { get; init; } = 300;

    /// <summary>Simulated ns per tick at clock rate 1. Default 100 ms (etcd's default heartbeat interval).</summary>
    public long TickInterval { get; init; } = 100_000_000;

    /// <summary>After the main phase: heal, then this many ticks of calm with reads at the end. Default 50 (5 s).</summary>
    public int RecoverySteps { get; init; } = 50;

    /// <summary>Bug switches in the core. Default none.</summary>
    public UnsafeBug UnsafeBugs { get; init; } = UnsafeBug.None;

    /// <summary>Use this profile instead of the seed's choice (tests, and `--profile`). Default null.</summary>
    public string? Profile { get; init; }

    /// <summary>Wall-clock bound of the linearizability check; past it the verdict is unknown. Default 30 s.</summary>
    public TimeSpan CheckTimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> on the first invalid setting.</summary>
    public void Validate()
    {
        if (Nodes is not (3 or 5 or 7))
        {
            throw new ArgumentException($"nodes must be 3, 5 or 7, got {Nodes}");
        }

        if (Steps < 1)
        {
            throw new ArgumentException($"steps must be at least 1, got {Steps}");
        }

        if (TickInterval < 1)
        {
            throw new ArgumentException("tick interval must be positive");
        }

        if (RecoverySteps < 10)
        {
            throw new ArgumentException("recovery needs at least 10 ticks");
        }

        if (Profile is not null && Faults.FaultProfiles.Find(Profile) is null)
        {
            throw new ArgumentException($"unknown profile '{Profile}'; expected one of: {string.Join(", ", Faults.FaultProfiles.All.Select(p => p.Name))}");
        }
    }
}
