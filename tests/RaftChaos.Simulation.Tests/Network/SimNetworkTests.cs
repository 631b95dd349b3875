using RaftChaos.Raft.Messages;
using RaftChaos.Simulation.Events;
using RaftChaos.Simulation.Faults;
using RaftChaos.Simulation.Network;

namespace RaftChaos.Simulation.Tests.Network;

public sealed class SimNetworkTests
{
    private static Message M(ulong from, ulong to, ulong index = 0) => new() { Type = MessageType.Heartbeat, From = from, To = to, Index = index };

    private static (EventQueue Queue, SimNetwork Network, List<(long Time, Message Message)> Delivered) Create(NetworkConditions conditions, int seed = 1)
    {
        var queue = new EventQueue();
        var delivered = new List<(long, Message)>();
        var network = new SimNetwork(queue, new Random(seed), m => delivered.Add((queue.Now, m))) { Conditions = conditions };
        return (queue, network, delivered);
    }

    [Test]
    public void Send_DelaysWithinBounds_AndReorders()
    {
        var (queue, network, delivered) = Create(new NetworkConditions(1_000, 9_000, 0, 0, 0, 0));
        for (ulong i = 0; i < 200; i++) network.Send(M(1, 2, i));

        queue.RunUntil(1_000_000);

        Assert.That(delivered, Has.Count.EqualTo(200));
        Assert.That(delivered.Select(d => d.Time), Is.All.InRange(1_000L, 9_000L));
        Assert.That(delivered.Select(d => d.Message.Index), Is.Not.Ordered, "uniform random delays reorder messages");
    }

    [Test]
    public void Send_DropProbabilityOne_DeliversNothing()
    {
        var (queue, network, delivered) = Create(new NetworkConditions(1, 2, 1.0, 0, 0, 0));
        for (var i = 0; i < 50; i++) network.Send(M(1, 2));

        queue.RunUntil(1_000);

        Assert.That(delivered, Is.Empty);
        Assert.That(network.Dropped, Is.EqualTo(50));
    }

    [Test]
    public void Send_DuplicateProbabilityOne_DeliversTwice()
    {
        var (queue, network, delivered) = Create(new NetworkConditions(1, 2, 0, 1.0, 0, 0));
        network.Send(M(1, 2));

        queue.RunUntil(1_000);

        Assert.That(delivered, Has.Count.EqualTo(2));
        Assert.That(delivered[0].Message, Is.SameAs(delivered[1].Message));
    }

    [Test]
    public void Send_LongDelays_ArriveWithinTheLongBound()
    {
        var (queue, network, delivered) = Create(new NetworkConditions(10, 20, 0, 0, 1.0, 1_000_000));
        for (var i = 0; i < 100; i++) network.Send(M(1, 2));

        queue.RunUntil(10_000_000);

        Assert.That(delivered.Select(d => d.Time), Is.All.InRange(10L, 1_000_020L));
        Assert.That(delivered.Max(d => d.Time), Is.GreaterThan(100_000), "some messages are held far longer than the normal bound");
    }

    [Test]
    public void Grudge_BlocksAtSendAndCutsMessagesInFlight_BothWays()
    {
        var (queue, network, delivered) = Create(new NetworkConditions(100, 100, 0, 0, 0, 0));
        network.Send(M(1, 2));                 // in flight when the partition starts
        network.Grudge = PartitionPlanner.Isolate(1, [1, 2, 3]);
        network.Send(M(1, 3));
        network.Send(M(3, 1));
        network.Send(M(2, 3));                 // same side: passes

        queue.RunUntil(1_000);

        Assert.That(delivered.Select(d => (d.Message.From, d.Message.To)), Is.EqualTo(new[] { (2UL, 3UL) }));
        Assert.That(network.Dropped, Is.EqualTo(3));
    }

    [Test]
    public void Send_SameSeed_SameDeliveryTrace()
    {
        static List<(long, ulong)> Trace(int seed)
        {
            var (queue, network, delivered) = Create(new NetworkConditions(1, 1_000, 0.2, 0.2, 0.1, 10_000), seed);
            for (ulong i = 0; i < 100; i++) network.Send(M(1, 2, i));
            queue.RunUntil(1_000_000);
            return [.. delivered.Select(d => (d.Time, d.Message.Index))];
        }

        Assert.That(Trace(7), Is.EqualTo(Trace(7)));
        Assert.That(Trace(7), Is.Not.EqualTo(Trace(8)));
    }
}
