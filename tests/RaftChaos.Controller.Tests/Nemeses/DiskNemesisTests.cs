using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Tests.Fakes;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Controller.Tests.Nemeses;

/// <summary>The disk nemesis against an in-memory cluster: what it plans from the seed, and how it heals.</summary>
public sealed class DiskNemesisTests
{
    [Test]
    public async Task StartStop_ManySeeds_EveryModeAppears_AndEveryFaultIsHealed_FsyncErrorNodesRestartedFromDisk()
    {
        var seen = new HashSet<string>();
        for (var seed = 0; seed < 60; seed++)
        {
            var cluster = new FakeCluster(5);
            using var recorder = HistoryRecorder.InMemory();
            var context = new NemesisContext(cluster, new Random(seed), recorder);
            var nemesis = new DiskNemesis();

            await nemesis.StartAsync(context, CancellationToken.None);
            var active = nemesis.Active!;
            seen.Add(active.Split(' ')[1]);
            var faulted = cluster.DiskFaults.Keys.Order().ToList();
            var fault = cluster.DiskFaults.Values.Distinct().Single();
            Assert.That(faulted, Has.Count.EqualTo(active.Contains("error-all") ? 5 : active.Contains("error-majority") ? 3 : 1), active);
            cluster.Calls.Clear();

            await nemesis.StopAsync(context, CancellationToken.None);

            Assert.That(cluster.DiskFaults, Is.Empty, active);
            Assert.That(cluster.ActiveFaults.IsEmpty, Is.True, active);
            // fsync-error: every faulted node killed before any is cleared, every one cleared before any starts.
            var expectedPhases = fault.Name == "fsync-error" ? new[] { "kill", "disk", "start" } : new[] { "disk" };
            var phases = cluster.Calls.Select(c => c.Split(' ')[0]).ToList();
            Assert.That(phases, Is.EqualTo(phases.OrderBy(p => Array.IndexOf(expectedPhases, p)).ToList()), active);
            Assert.That(phases.Distinct(), Is.EqualTo(expectedPhases), active);
            Assert.That(cluster.Calls, Has.Count.EqualTo(expectedPhases.Length * faulted.Count), active);
            Assert.That(cluster.Calls.Where(c => c.StartsWith("disk", StringComparison.Ordinal)), Is.All.EndsWith(" none"), active);
            if (fault.Name == "fsync-delay") Assert.That(fault.DelayMs, Is.InRange(DiskNemesis.DelayRangeMs.Min, DiskNemesis.DelayRangeMs.Max));
            var events = recorder.Events.Where(e => e.Process.IsNemesis).Select(e => e.F).ToList();
            Assert.That(events, Is.EqualTo(new[] { "start-disk", "stop-disk" }));
            Assert.That(recorder.Events.First().Value.ToJson(), Does.StartWith($"[\"{fault}\",[\""));
        }
        Assert.That(seen, Is.EquivalentTo(DiskNemesis.Modes));
    }
}
