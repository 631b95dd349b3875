namespace RaftChaos.Workloads.Tests.Cluster;

/// <summary>
/// A crashed leader's connections close at once (the kernel closes a dead process's sockets), and its followers act on
/// that instead of waiting out an election timeout (RaftNode.ReportConnectionLost): real node processes, a real SIGKILL.
/// </summary>
[NonParallelizable]
public sealed class LeaderCrashTests
{
    [SetUp]
    public void RequireNodeBuild() => NodeProcessCluster.IgnoreUnlessBuilt();

    [Test]
    [CancelAfter(90_000)]
    public async Task LeaderKilled_FollowersSeeItsStreamCloseAndElectAnother(CancellationToken ct)
    {
        using var cluster = NodeProcessCluster.Start(3);
        var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), ct);

        cluster.Kill(leader);
        var successor = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30), ct);

        var survivors = cluster.Ids.Where(id => id != leader).ToList();
        var reports = survivors.SelectMany(id => cluster.Output(id).Where(line => line.Contains("LeaderConnectionLost", StringComparison.Ordinal))).ToList();
        TestContext.Out.WriteLine($"killed {leader}, new leader {successor}; {string.Join(Environment.NewLine, reports)}");
        Assert.That(successor, Is.Not.EqualTo(leader));
        Assert.That(reports.Where(line => line.Contains($"leader={leader}", StringComparison.Ordinal)), Is.Not.Empty,
            "a follower logged that its leader's stream closed" + Environment.NewLine + cluster.Logs());
    }
}
