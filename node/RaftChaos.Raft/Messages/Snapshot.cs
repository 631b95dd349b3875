using RaftChaos.Raft.Membership;

namespace RaftChaos.Raft.Messages;

/// <summary>
/// A state-machine snapshot covering the log up to and including (Index, Term), with the membership in
/// force at Index. Data is opaque to the core: the application produces it (<see cref="RaftNode.Compact"/>)
/// and installs it (<see cref="Ready.Snapshot"/>).
/// </summary>
public sealed record Snapshot(ulong Index, ulong Term, ConfState ConfState, ReadOnlyMemory<byte> Data)
{
    /// <inheritdoc />
    public override string ToString() => $"snapshot {Term}/{Index} voters={ConfState} bytes={Data.Length}";
}
