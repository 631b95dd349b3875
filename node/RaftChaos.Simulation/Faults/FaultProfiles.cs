using RaftChaos.Simulation.Network;

namespace RaftChaos.Simulation.Faults;

/// <summary>
/// The catalogue of fault mixes; each seed picks one. Each profile aims at a class of bug, and together they cover the
/// five unsafe switches: partitions and lossy networks (stale reads), clock drift with the leader cut off (lease reads),
/// elections with crashes right after voting (forget vote), long-lagging followers (InstallSnapshot), small appends with leader changes and minority partitions
/// (commit old term, Figure 8), power failures (ack before persist), and two membership changes asked at once
/// (membership on append).
/// </summary>
public static class FaultProfiles
{
    private const long Ms = 1_000_000;

    /// <summary>All profiles.</summary>
    public static IReadOnlyList<FaultProfile> All { get; } =
    [
        new()
        {
            Name = "partitions",
            Network = new NetworkConditions(1 * Ms, 10 * Ms, 0.01, 0.01, 0.01, 100 * Ms),
            PartitionWeight = 1, CrashWeight = 0.3, TransferWeight = 0.3, LeaderPartitionBias = 0.5, MaxDrift = 2,
            ReadFraction = 0.6,
        },
        new()
        {
            Name = "lossy",
            Network = new NetworkConditions(1 * Ms, 20 * Ms, 0.1, 0.05, 0.05, 200 * Ms),
            PartitionWeight = 0.5, CrashWeight = 0.5, LeaderCrashWeight = 0.5,
        },
        new()
        {
            Name = "crashes",
            Network = new NetworkConditions(1 * Ms, 10 * Ms, 0.01, 0.01, 0.01, 50 * Ms),
            CrashWeight = 1, LeaderCrashWeight = 1, PowerFailureWeight = 0.5, CrashAfterVoteProbability = 0.2,
            IntervalMin = 500 * Ms, IntervalMax = 2_000 * Ms,
        },
        new()
        {
            Name = "power",
            Network = new NetworkConditions(1 * Ms, 5 * Ms, 0, 0, 0, 0),
            PowerFailureWeight = 1, LeaderCrashWeight = 0.5, PartitionWeight = 0.3,
            IntervalMin = 300 * Ms, IntervalMax = 1_500 * Ms, HoldMin = 200 * Ms, HoldMax = 1_000 * Ms,
            ReadFraction = 0.3,
        },
        new()
        {
            Name = "drift",
            // Lease reads break only when the cut-off leader's clock is slow and the others' fast: picked more often.
            Weight = 2,
            Network = new NetworkConditions(1 * Ms, 5 * Ms, 0.01, 0, 0, 0),
            PartitionWeight = 1, ClockWeight = 0.5, MaxDrift = 3, LeaderPartitionBias = 0.8,
            HoldMin = 2_000 * Ms, HoldMax = 5_000 * Ms,
            ReadFraction = 0.5, MaxThinkTime = 50 * Ms,
        },
        new()
        {
            Name = "elections",
            // Two leaders in one term need a split vote and a voter that crashes between the two requests: picked most often.
            Weight = 3,
            // Slow links widen the window in which two candidates of one term collect votes.
            Network = new NetworkConditions(10 * Ms, 100 * Ms, 0.05, 0.02, 0.1, 300 * Ms),
            LeaderCrashWeight = 1, CrashWeight = 0.5, PartitionWeight = 0.3,
            CrashAfterVoteProbability = 0.9,
            IntervalMin = 500 * Ms, IntervalMax = 2_000 * Ms,
        },
        new()
        {
            Name = "figure8",
            Network = new NetworkConditions(20 * Ms, 60 * Ms, 0.01, 0, 0.01, 100 * Ms),
            PartitionWeight = 1, LeaderCrashWeight = 0.3, LeaderPartitionBias = 0.7, IsolateNewLeaderProbability = 0.8,
            IsolateNewLeaderDelayMax = 300 * Ms,
            IntervalMin = 300 * Ms, IntervalMax = 1_500 * Ms, HoldMin = 500 * Ms, HoldMax = 2_500 * Ms,
            // One entry per append and one append in flight: a lagging follower catches up entry by entry, so a quorum
            // holds an old-term entry well before the new leader's no-op.
            MaxSizePerMessage = 1, MaxInflightMessages = 1,
            // Busy writers make long uncommitted tails; many keys keep each key's history (with its many info writes) small.
            Workers = 10, Keys = 20, ReadFraction = 0.1, MaxThinkTime = 20 * Ms,
        },
        new()
        {
            Name = "lagging",
            // A follower cut off or down for seconds while busy clients write falls behind the leader's compaction point,
            // so it can only catch up by InstallSnapshot; frequent snapshots make that likely within one hold.
            Network = new NetworkConditions(1 * Ms, 10 * Ms, 0.01, 0.01, 0.01, 50 * Ms),
            PartitionWeight = 1, CrashWeight = 1, TransferWeight = 0.2, MembershipWeight = 0.5,
            IntervalMin = 500 * Ms, IntervalMax = 2_000 * Ms, HoldMin = 3_000 * Ms, HoldMax = 8_000 * Ms,
            SnapshotIntervalMin = 10, SnapshotIntervalMax = 30,
            Workers = 8, Keys = 10, ReadFraction = 0.3, MaxThinkTime = 30 * Ms,
        },
        new()
        {
            Name = "membership",
            // Membership changes with two removals asked at once half the time (refused by a correct leader; taken by
            // membership-on-append, which on three voters leaves the leader committing alone while the other two elect).
            Network = new NetworkConditions(1 * Ms, 10 * Ms, 0.01, 0.01, 0.01, 50 * Ms),
            PartitionWeight = 0.3, CrashWeight = 0.3, MembershipWeight = 1, SecondRemovalProbability = 0.5,
            IntervalMin = 300 * Ms, IntervalMax = 1_500 * Ms, HoldMin = 1_000 * Ms, HoldMax = 3_000 * Ms,
            Workers = 6, Keys = 10, ReadFraction = 0.3, MaxThinkTime = 30 * Ms,
        },
        new()
        {
            Name = "mixed",
            Network = new NetworkConditions(1 * Ms, 15 * Ms, 0.03, 0.02, 0.02, 100 * Ms),
            PartitionWeight = 1, CrashWeight = 0.5, LeaderCrashWeight = 0.5, PowerFailureWeight = 0.3,
            TransferWeight = 0.3, ClockWeight = 0.3, MaxDrift = 1.5, CrashAfterVoteProbability = 0.1, MembershipWeight = 0.3,
            MaxSizePerMessage = 256, MaxInflightMessages = 8,
        },
    ];

    /// <summary>Picks a profile by weight.</summary>
    public static FaultProfile Pick(Random random)
    {
        var roll = random.NextDouble() * All.Sum(p => p.Weight);
        foreach (var profile in All)
        {
            if ((roll -= profile.Weight) < 0)
            {
                return profile;
            }
        }

        return All[^1];
    }

    /// <summary>The profile called <paramref name="name"/>, or null.</summary>
    public static FaultProfile? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
