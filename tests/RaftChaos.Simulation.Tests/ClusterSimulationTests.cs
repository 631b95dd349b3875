using RaftChaos.Raft;

namespace RaftChaos.Simulation.Tests;

/// <summary>Whole-cluster runs. Every failure message names the seed and the command that replays it.</summary>
public sealed class ClusterSimulationTests
{
    private static string Replay(SimulationOptions options) =>
        $"raftchaos simulate --seed {options.Seed} --seeds 1 --nodes {options.Nodes} --steps {options.Steps}"
        + (options.UnsafeBugs == UnsafeBug.None ? "" : $" --unsafe {options.UnsafeBugs.ToName()}")
        + (options.Profile is null ? "" : $" --profile {options.Profile}");

    [Test]
    public void Run_SameSeed_SameHistoryBytes()
    {
        var options = new SimulationOptions { Seed = 4242, Nodes = 5 };

        var first = Bytes(ClusterSimulation.Run(options));
        var second = Bytes(ClusterSimulation.Run(options));
        var other = Bytes(ClusterSimulation.Run(options with { Seed = 4243 }));

        Assert.That(first, Has.Length.GreaterThan(10_000));
        Assert.That(second, Is.EqualTo(first), "a seed must replay exactly");
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public void Run_FailingSeed_ReplaysTheSameViolation()
    {
        var options = new SimulationOptions { Seed = 1, Nodes = 5, UnsafeBugs = UnsafeBug.StaleReads, Profile = "partitions" };

        var first = ClusterSimulation.Run(options);
        var again = ClusterSimulation.Run(options);

        Assert.That(first.Violation, Is.Not.Null, Replay(options));
        Assert.That(again.Violation, Is.EqualTo(first.Violation));
        Assert.That(Bytes(again), Is.EqualTo(Bytes(first)));
    }

    [Test]
    public void Run_History_HasNemesisEventsAndMonotonicNanoseconds()
    {
        var result = ClusterSimulation.Run(new SimulationOptions { Seed = 7, Profile = "mixed" });

        Assert.That(result.History.Any(e => e.Process.IsNemesis), Is.True);
        Assert.That(result.History.Select(e => e.Time), Is.Ordered);
        Assert.That(result.History.Select(e => e.Index), Is.EqualTo(Enumerable.Range(0, result.History.Count).Select(i => (long)i)));
        Assert.That(result.SimulatedTime, Is.EqualTo((300 + 50) * 100_000_000L));
    }

    /// <summary>The clean build over 200 seeds of the normal profile mix, in batches that run side by side.</summary>
    [TestCase(1, 50, 5)]
    [TestCase(51, 50, 5)]
    [TestCase(101, 50, 3)]
    [TestCase(151, 50, 7)]
    public void Run_CleanCore_EverySeedSafeAndLinearizable(int firstSeed, int count, int nodes)
    {
        var operations = 0L;
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            var options = new SimulationOptions { Seed = seed, Nodes = nodes };
            var result = ClusterSimulation.Run(options);
            Assert.That(result.Violation, Is.Null, $"seed {seed} ({result.Profile}): {result.Violation}; replay: {Replay(options)}");
            Assert.That(result.Verdict, Is.EqualTo(Checker.Verdict.Valid), $"seed {seed}: check {result.Verdict}; replay: {Replay(options)}");
            operations += result.Operations;
        }
        Assert.That(operations, Is.GreaterThan(count * 100), "the clients must actually exercise the cluster");
    }

    /// <summary>
    /// Compaction, InstallSnapshot, restart-from-snapshot and membership changes must keep being exercised: a change that
    /// quietly stops followers from ever needing a snapshot would otherwise leave that path untested.
    /// </summary>
    [Test]
    public void Run_LaggingProfile_InstallsSnapshotsRestartsFromThemAndChangesMembership()
    {
        int taken = 0, installed = 0, restarts = 0, removed = 0, added = 0, wipes = 0;
        for (var seed = 1; seed <= 10; seed++)
        {
            var options = new SimulationOptions { Seed = seed, Nodes = 5, Profile = "lagging" };
            var result = ClusterSimulation.Run(options);
            Assert.That(result.Violation, Is.Null, $"seed {seed}: {result.Violation}; replay: {Replay(options)}");
            taken += result.SnapshotsTaken;
            installed += result.SnapshotsInstalled;
            restarts += result.RestartsFromSnapshot;
            removed += result.VotersRemoved;
            added += result.VotersAdded;
            wipes += result.Wipes;
        }
        TestContext.Out.WriteLine($"10 lagging seeds: {taken} snapshots taken, {installed} installed, {restarts} restarts from a snapshot; "
            + $"{removed} voters removed, {added} added back, {wipes} wiped first");
        Assert.That(taken, Is.GreaterThan(0), "no node ever compacted");
        Assert.That(installed, Is.GreaterThan(0), "no follower ever installed a leader's snapshot");
        Assert.That(restarts, Is.GreaterThan(0), "no node ever restarted from a snapshot");
        Assert.That(added, Is.GreaterThan(0), "no removed voter was ever added back");
        Assert.That(wipes, Is.GreaterThan(0), "no node ever rejoined with a wiped store");
    }

    /// <summary>
    /// A crashed leader's followers are told its connection closed (as the node's transport sees it) and campaign early:
    /// the path must keep being exercised under the simulator's safety checks.
    /// </summary>
    [Test]
    public void Run_CrashesOfLeaders_FollowersAreToldAndStaySafe()
    {
        var reports = 0;
        for (var seed = 1; seed <= 10; seed++)
        {
            var options = new SimulationOptions { Seed = seed, Nodes = 5, Profile = "power" };
            var result = ClusterSimulation.Run(options);
            Assert.That(result.Violation, Is.Null, $"seed {seed}: {result.Violation}; replay: {Replay(options)}");
            reports += result.LeaderLossReports;
        }
        TestContext.Out.WriteLine($"10 power seeds: {reports} followers told their crashed leader's connection closed");
        Assert.That(reports, Is.GreaterThan(0), "no follower ever learned of its leader's crash from the connection");
    }

    /// <summary>
    /// Each bug switch is caught within a bounded number of seeds of the profile aimed at it (the CLI's default mix
    /// finds them too, just after more seeds).
    /// </summary>
    [TestCase("stale-reads", "partitions", 20)]
    [TestCase("lease-reads", "drift", 80)]
    [TestCase("forget-vote", "elections", 80)]
    [TestCase("commit-old-term", "figure8", 80)]
    [TestCase("ack-before-persist", "power", 20)]
    // Three voters: two removals at once leave the leader alone, and the two others a majority of the old configuration.
    [TestCase("membership-on-append", "membership", 40, 3)]
    public void Run_UnsafeBug_IsCaught(string bug, string profile, int maxSeeds, int nodes = 5)
    {
        for (var seed = 1; seed <= maxSeeds; seed++)
        {
            var options = new SimulationOptions { Seed = seed, Nodes = nodes, UnsafeBugs = UnsafeBugNames.Parse(bug), Profile = profile };
            var result = ClusterSimulation.Run(options);
            if (result.Violation is not null)
            {
                TestContext.Out.WriteLine($"{bug}: caught at seed {seed}: {result.Violation}; replay: {Replay(options)}");
                return;
            }
        }
        Assert.Fail($"{bug} not caught in {maxSeeds} seeds of profile {profile}");
    }

    private static byte[] Bytes(SimulationResult result)
    {
        using var stream = new MemoryStream();
        result.WriteHistory(stream);
        return stream.ToArray();
    }
}
