using System.Diagnostics;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Chaos;

/// <summary>
/// A rough speed check, run on demand (Release: <c>dotnet test -c Release --filter ThroughputBenchmark</c>): a five-node
/// cluster with a heartbeat every tick, a proposal every 5 ticks and a read every 7, compacting now and then.
/// Prints cluster ticks per wall second.
/// </summary>
public sealed class ThroughputBenchmark
{
    [Test, Explicit("benchmark")]
    public void FiveNodes_ClusterTicksPerSecond()
    {
        var net = TestNetwork.Create(5);
        net.KeepReadies = false;
        net.KeepDelivered = false;
        net.Campaign(1);
        var sw = Stopwatch.StartNew();
        const int steps = 100_000;
        for (var i = 0; i < steps; i++)
        {
            foreach (var n in net.Nodes.Values) n.Tick();
            if (i % 5 == 0) net[1].Propose(new byte[16]);
            if (i % 7 == 0) net[1].ReadIndex((ulong)i);
            net.Stabilize();
            if (i % 1000 == 999)
                foreach (var (id, s) in net.Storage)
                    if (net[id].Compact(s.AppliedIndex, Array.Empty<byte>())) s.Compacted(s.AppliedIndex, net[id].Snapshot!);
        }
        TestContext.Out.WriteLine($"{steps / sw.Elapsed.TotalSeconds:F0} cluster ticks/s");
    }
}
