using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Units;

/// <summary>
/// A follower told that its leader's connection closed (the transport saw the stream end: a crashed process's
/// connections close at once) campaigns after HeartbeatTick + 1 to ElectionTick / 2 ticks instead of a whole randomized
/// election timeout, and a report that is wrong (the leader is alive) moves no term.
/// </summary>
public sealed class ConnectionLostTests
{
    private const int ElectionTick = 10; // TestNetwork.DefaultOptions

    [Test]
    public void LeaderCrashed_BothFollowersReportIt_ANewLeaderWithinHalfAnElectionTimeout()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(1); // crashed: nothing arrives from it any more

        net[2].ReportConnectionLost(1);
        net[3].ReportConnectionLost(1);
        var ticks = TickUntilLeader(net, [2, 3], limit: ElectionTick);

        Assert.That(ticks, Is.LessThanOrEqualTo(ElectionTick / 2), "campaigned within ElectionTick/2 ticks of the report");
        Assert.That(net[2].Term, Is.EqualTo(net[3].Term));
    }

    [Test]
    public void LeaderCrashed_NoReport_NoLeaderBeforeTheElectionTimeout()
    {
        // The control: the same crash without the transport's report waits out at least ElectionTick ticks.
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Isolate(1);

        var ticks = TickUntilLeader(net, [2, 3], limit: 3 * ElectionTick);

        Assert.That(ticks, Is.GreaterThanOrEqualTo(ElectionTick));
    }

    [Test]
    public void ReportAboutAFollower_ChangesNothing()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        net.Cut(1, 2); // node 2 hears nothing from its leader, but the report names node 3, not the leader

        net[2].ReportConnectionLost(3);
        net.Tick(2, ElectionTick - 1);

        Assert.That(net[2].Role, Is.EqualTo(RaftRole.Follower), "no campaign before the normal election timeout");
    }

    [Test]
    public void WrongReport_LeaderStillHeardByTheOtherFollower_NoTermMoves()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        var term = net[1].Term;
        net.Cut(1, 2); // node 2 lost its leader's stream; node 3 still hears every heartbeat

        net[2].ReportConnectionLost(1);
        net.TickAll(ElectionTick - 1);

        Assert.That(net[2].Role, Is.Not.EqualTo(RaftRole.Leader));
        Assert.That(net[1].Role, Is.EqualTo(RaftRole.Leader), "node 3, in its lease, refused node 2's pre-vote");
        Assert.That(net[1].Term, Is.EqualTo(term));
        Assert.That(net[3].Term, Is.EqualTo(term));
    }

    [Test]
    public void AliveLeader_HeartbeatsResumeBeforeTheShortTimerFires_NoCampaign()
    {
        var net = TestNetwork.Create(3);
        net.Campaign(1);
        var term = net[1].Term;

        net[2].ReportConnectionLost(1); // the stream was redialled, say: heartbeats go on
        net.TickAll(3 * ElectionTick);

        Assert.That(net[1].Role, Is.EqualTo(RaftRole.Leader));
        Assert.That(new[] { net[1].Term, net[2].Term, net[3].Term }, Is.All.EqualTo(term));
    }

    /// <summary>Ticks <paramref name="ids"/> (delivering messages) until one of them leads; the ticks it took, or limit + 1.</summary>
    private static int TickUntilLeader(TestNetwork net, IReadOnlyList<ulong> ids, int limit)
    {
        for (var tick = 1; tick <= limit; tick++)
        {
            foreach (var id in ids)
            {
                net.Tick(id);
            }
            net.Stabilize();
            if (ids.Any(id => net[id].Role == RaftRole.Leader))
            {
                return tick;
            }
        }
        return limit + 1;
    }
}
