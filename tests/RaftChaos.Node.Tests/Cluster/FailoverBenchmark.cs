using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Node.Api;

namespace RaftChaos.Node.Tests.Cluster;

/// <summary>
/// Benchmark, not a test (explicit): SIGKILL the leader of a three-process cluster several times and print the time
/// from each kill to the first write acknowledged by another node, with the load average for context.
/// </summary>
[Explicit("benchmark: run with --filter FailoverBenchmark")]
[NonParallelizable]
public class FailoverBenchmark
{
    private const int Kills = 8;

    [Test]
    [CancelAfter(300_000)]
    public async Task LeaderSigkill_TimeToNextAcknowledgedWrite(CancellationToken ct)
    {
        using var cluster = LocalCluster.Start(3);
        var gaps = new List<double>();
        for (var round = 0; round < Kills; round++)
        {
            var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(20), ct);
            // Let the cluster settle: every follower caught up and in contact, as in a long run.
            await Task.Delay(1500, ct);
            leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(20), ct);
            leader.Kill();
            var killed = Stopwatch.GetTimestamp();
            var survivors = cluster.Nodes.Where(n => n != leader).ToList();
            var acked = false;
            for (var i = 0; !acked; i++)
            {
                Assert.That(Stopwatch.GetElapsedTime(killed), Is.LessThan(TimeSpan.FromSeconds(30)), cluster.Logs());
                var node = survivors[i % survivors.Count];
                try
                {
                    var reply = await node.Client.WriteAsync(new WriteRequest { Key = $"r{round}", Value = ByteString.CopyFromUtf8("v") },
                        deadline: DateTime.UtcNow.AddSeconds(1), cancellationToken: ct);
                    acked = reply.NotLeader is null;
                }
                catch (RpcException)
                {
                    // Unknown outcome: try again.
                }
                if (!acked)
                {
                    await Task.Delay(5, ct);
                }
            }
            var gap = Stopwatch.GetElapsedTime(killed).TotalMilliseconds;
            gaps.Add(gap);
            TestContext.Out.WriteLine($"kill {round + 1}: leader {leader.Id}, next acknowledged write after {gap:F0} ms");
            leader.Start();
        }
        gaps.Sort();
        if (Environment.GetEnvironmentVariable("FAILOVER_LOGS") == "1")
        {
            TestContext.Out.WriteLine(cluster.Logs());
        }
        TestContext.Out.WriteLine($"median {gaps[gaps.Count / 2]:F0} ms, min {gaps[0]:F0} ms, max {gaps[^1]:F0} ms; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }
}
