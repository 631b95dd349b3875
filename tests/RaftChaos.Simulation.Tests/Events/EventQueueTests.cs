using RaftChaos.Simulation.Events;

namespace RaftChaos.Simulation.Tests.Events;

public sealed class EventQueueTests
{
    [Test]
    public void RunUntil_SameTime_RunsInSchedulingOrder()
    {
        var queue = new EventQueue();
        var order = new List<string>();
        queue.At(10, () => order.Add("b"));
        queue.At(5, () => order.Add("a"));
        queue.At(10, () => order.Add("c"));
        queue.At(10, () => queue.After(0, () => order.Add("d")));

        queue.RunUntil(100);

        Assert.That(order, Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(queue.Now, Is.EqualTo(100));
    }

    [Test]
    public void RunUntil_Stop_LeavesLaterEventsQueued()
    {
        var queue = new EventQueue();
        var ran = 0;
        for (var i = 1; i <= 5; i++) queue.At(i, () => ran++);

        queue.RunUntil(100, () => ran == 2);

        Assert.That(ran, Is.EqualTo(2));
        Assert.That(queue.Count, Is.EqualTo(3));
        Assert.That(queue.Now, Is.EqualTo(2));
    }
}
