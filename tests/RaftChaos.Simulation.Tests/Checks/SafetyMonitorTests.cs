using RaftChaos.Raft.Messages;
using RaftChaos.Simulation.Checks;
using RaftChaos.Simulation.Storage;

namespace RaftChaos.Simulation.Tests.Checks;

public sealed class SafetyMonitorTests
{
    private static Entry E(ulong index, ulong term, byte data = 0) => new(index, term, EntryType.Normal, new[] { data });

    private static DurableStore Log(params Entry[] entries)
    {
        var store = new DurableStore();
        store.Append(entries);
        return store;
    }

    [Test]
    public void ElectionSafety_TwoLeadersInOneTerm_IsAViolation()
    {
        var monitor = new SafetyMonitor();
        monitor.OnLeader(1, 5, Log(E(1, 5)), 10);
        monitor.OnLeader(1, 5, Log(E(1, 5)), 11); // the same leader again is fine
        Assert.That(monitor.First, Is.Null);

        monitor.OnLeader(2, 5, Log(E(1, 5)), 12);

        Assert.That(monitor.First!.Property, Is.EqualTo("election-safety"));
    }

    [Test]
    public void StateMachineSafety_DifferentEntryAppliedAtOneIndex_IsAViolation()
    {
        var monitor = new SafetyMonitor();
        monitor.OnApplied(1, E(1, 1, 7), 1);
        monitor.OnApplied(2, E(1, 1, 7), 2);
        Assert.That(monitor.First, Is.Null);

        monitor.OnApplied(3, E(1, 2, 8), 3);

        Assert.That(monitor.First!.Property, Is.EqualTo("state-machine-safety"));
    }

    [Test]
    public void LeaderCompleteness_NewLeaderWithoutACommittedEntry_IsAViolation()
    {
        var monitor = new SafetyMonitor();
        monitor.OnApplied(1, E(1, 1), 1);
        monitor.OnApplied(1, E(2, 1), 1);

        monitor.OnLeader(2, 3, Log(E(1, 1), E(2, 2)), 5);

        Assert.That(monitor.First!.Property, Is.EqualTo("leader-completeness"));
    }

    [Test]
    public void LogMatching_SameTermLaterAfterADifference_IsAViolation()
    {
        var monitor = new SafetyMonitor();
        var a = Log(E(1, 1), E(2, 2), E(3, 3));
        var b = Log(E(1, 1), E(2, 4), E(3, 3));

        monitor.CheckLogMatching([(1, a), (2, b)], 9);

        Assert.That(monitor.First!.Property, Is.EqualTo("log-matching"));
    }

    [Test]
    public void LogMatching_DivergentSuffixes_AreFine()
    {
        var monitor = new SafetyMonitor();
        var a = Log(E(1, 1), E(2, 2), E(3, 2));
        var b = Log(E(1, 1), E(2, 3));

        monitor.CheckLogMatching([(1, a), (2, b)], 9);

        Assert.That(monitor.First, Is.Null);
    }
}
