using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Simulation.Checks;

namespace RaftChaos.Simulation;

/// <summary>The outcome of one seed: the first violation (if any), the check's verdict, the history, and counters.</summary>
public sealed record SimulationResult
{
    /// <summary>The seed run.</summary>
    public required int Seed { get; init; }

    /// <summary>The fault profile the seed chose (or was given).</summary>
    public required string Profile { get; init; }

    /// <summary>The first broken property, or null.</summary>
    public Violation? Violation { get; init; }

    /// <summary>The linearizability verdict; null when the check did not run (a safety violation came first).</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>Simulated nanoseconds the run covered.</summary>
    public required long SimulatedTime { get; init; }

    /// <summary>Client operations in the history.</summary>
    public required int Operations { get; init; }

    /// <summary>The history, in order.</summary>
    public required IReadOnlyList<HistoryEvent> History { get; init; }

    /// <summary>Events the simulation processed.</summary>
    public long EventsProcessed { get; init; }

    /// <summary>Messages delivered between nodes.</summary>
    public long MessagesDelivered { get; init; }

    /// <summary>Terms that had a leader.</summary>
    public int Elections { get; init; }

    /// <summary>Log entries committed (applied by some node).</summary>
    public int CommittedEntries { get; init; }

    /// <summary>Wall time the linearizability check took (zero when it did not run); reported apart from simulation speed.</summary>
    public TimeSpan CheckTime { get; init; }

    /// <summary>Faults the nemesis started.</summary>
    public int Faults { get; init; }

    /// <summary>Applied entries between two snapshots of a node's state machine (drawn by the seed from the profile's range).</summary>
    public int SnapshotInterval { get; init; }

    /// <summary>Snapshots nodes took of their own state machine (each compacting the log).</summary>
    public int SnapshotsTaken { get; init; }

    /// <summary>Snapshots followers received from a leader and installed (InstallSnapshot).</summary>
    public int SnapshotsInstalled { get; init; }

    /// <summary>Voters the nemesis removed (each is added back later).</summary>
    public int VotersRemoved { get; init; }

    /// <summary>Accepted proposals to add a removed voter back.</summary>
    public int VotersAdded { get; init; }

    /// <summary>Removed nodes wiped before they were added back (they rejoin empty).</summary>
    public int Wipes { get; init; }

    /// <summary>Restarts that rebuilt a node from its snapshot plus the entries after it.</summary>
    public int RestartsFromSnapshot { get; init; }

    /// <summary>Followers told that their crashed leader's connection closed (they campaign early).</summary>
    public int LeaderLossReports { get; init; }

    /// <summary>True when no property broke and the history is linearizable (or its check was unknown: see <see cref="Verdict"/>).</summary>
    public bool IsSafe => Violation is null;

    /// <summary>Writes the history as JSON Lines (DESIGN.md's format).</summary>
    public void WriteHistory(Stream stream)
    {
        using var writer = new HistoryWriter(stream, leaveOpen: true);
        foreach (var historyEvent in History)
        {
            writer.Write(historyEvent);
        }
    }
}
