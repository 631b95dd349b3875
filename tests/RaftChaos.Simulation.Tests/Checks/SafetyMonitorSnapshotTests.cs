using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;
using RaftChaos.Simulation.Checks;
using RaftChaos.Simulation.Clients;
using RaftChaos.Simulation.Nodes;

namespace RaftChaos.Simulation.Tests.Checks;

/// <summary>State machine safety over compacted indices: a snapshot must equal the committed prefix it covers.</summary>
public sealed class SafetyMonitorSnapshotTests
{
    private static Entry Write(ulong index, ulong term, string key, long value) =>
        new(index, term, EntryType.Normal, new KvCommand(index, OpKind.Write, key, value, 0).Encode());

    private static SafetyMonitor Committed(params Entry[] entries)
    {
        var monitor = new SafetyMonitor();
        foreach (var entry in entries) monitor.OnApplied(1, entry, 1);
        return monitor;
    }

    private static Snapshot Snapshot(ulong index, ulong term, KvStateMachine state) => new(index, term, new ConfState([1, 2, 3]), state.Encode());

    [Test]
    public void OnSnapshot_StateOfTheCommittedPrefix_IsSafe()
    {
        var monitor = Committed(Write(1, 1, "a", 1), Write(2, 1, "a", 2), Write(3, 2, "b", 3));
        var state = new KvStateMachine();
        state.Apply(new KvCommand(1, OpKind.Write, "a", 2, 0));

        monitor.OnSnapshot(2, Snapshot(2, 1, state), installed: true, 5);

        Assert.That(monitor.First, Is.Null);
    }

    [Test]
    public void OnSnapshot_StateDiffersFromTheCommittedPrefix_IsAViolation()
    {
        var monitor = Committed(Write(1, 1, "a", 1), Write(2, 1, "a", 2));
        var state = new KvStateMachine();
        state.Apply(new KvCommand(1, OpKind.Write, "a", 1, 0));

        monitor.OnSnapshot(2, Snapshot(2, 1, state), installed: true, 5);

        Assert.That(monitor.First?.Property, Is.EqualTo("state-machine-safety"));
    }

    [Test]
    public void OnSnapshot_WrongTermOrBeyondTheCommittedLog_IsAViolation()
    {
        var wrongTerm = Committed(Write(1, 1, "a", 1));
        var beyond = Committed(Write(1, 1, "a", 1));
        var state = new KvStateMachine();
        state.Apply(new KvCommand(1, OpKind.Write, "a", 1, 0));

        wrongTerm.OnSnapshot(2, Snapshot(1, 2, state), installed: false, 5);
        beyond.OnSnapshot(2, Snapshot(2, 1, state), installed: false, 5);

        Assert.That(wrongTerm.First?.Property, Is.EqualTo("state-machine-safety"));
        Assert.That(beyond.First?.Property, Is.EqualTo("state-machine-safety"));
    }

    [Test]
    public void KvStateMachine_EncodeDecode_RoundTripsCanonically()
    {
        var state = new KvStateMachine();
        state.Apply(new KvCommand(1, OpKind.Write, "k2", -7, 0));
        state.Apply(new KvCommand(2, OpKind.Write, "k1", 9, 0));

        var copy = KvStateMachine.Decode(state.Encode());

        Assert.That(copy.Read("k1"), Is.EqualTo(9));
        Assert.That(copy.Read("k2"), Is.EqualTo(-7));
        Assert.That(copy.Encode(), Is.EqualTo(state.Encode()));
    }
}
