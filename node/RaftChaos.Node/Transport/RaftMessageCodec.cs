using Google.Protobuf;
using RaftChaos.Raft.Membership;
using CoreEntry = RaftChaos.Raft.Messages.Entry;
using CoreEntryType = RaftChaos.Raft.Messages.EntryType;
using CoreMessage = RaftChaos.Raft.Messages.Message;
using CoreMessageType = RaftChaos.Raft.Messages.MessageType;
using CoreSnapshot = RaftChaos.Raft.Messages.Snapshot;

namespace RaftChaos.Node.Transport;

/// <summary>Converts the core's messages to and from peer.proto. Field for field; no logic.</summary>
internal static class RaftMessageCodec
{
    public static RaftMessage ToWire(CoreMessage m)
    {
        var wire = new RaftMessage
        {
            Type = (int)m.Type,
            To = m.To,
            From = m.From,
            Term = m.Term,
            LogTerm = m.LogTerm,
            Index = m.Index,
            Commit = m.Commit,
            Reject = m.Reject,
            RejectHint = m.RejectHint,
            Context = m.Context,
            Transfer = m.Transfer,
            Transferee = m.Transferee,
        };
        foreach (var e in m.Entries)
        {
            // UnsafeWrap: entry data is immutable once handed to the core, so no copy is needed.
            wire.Entries.Add(new RaftEntry { Index = e.Index, Term = e.Term, Type = (int)e.Type, Data = UnsafeByteOperations.UnsafeWrap(e.Data) });
        }
        if (m.Snapshot is { } s)
        {
            wire.Snapshot = new RaftSnapshot { Index = s.Index, Term = s.Term, Data = UnsafeByteOperations.UnsafeWrap(s.Data) };
            wire.Snapshot.Voters.AddRange(s.ConfState.Voters);
        }
        return wire;
    }

    /// <summary>The core message, or null when the wire message is malformed (unknown type or entry type).</summary>
    public static CoreMessage? ToCore(RaftMessage wire)
    {
        if (!Enum.IsDefined((CoreMessageType)wire.Type))
        {
            return null;
        }
        var entries = new CoreEntry[wire.Entries.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var e = wire.Entries[i];
            if (!Enum.IsDefined((CoreEntryType)e.Type))
            {
                return null;
            }
            entries[i] = new CoreEntry(e.Index, e.Term, (CoreEntryType)e.Type, e.Data.Memory);
        }
        CoreSnapshot? snapshot = null;
        if (wire.Snapshot is { } s)
        {
            if (s.Voters.Contains(0UL))
            {
                return null;
            }
            snapshot = new CoreSnapshot(s.Index, s.Term, new ConfState(s.Voters), s.Data.Memory);
        }
        return new CoreMessage
        {
            Type = (CoreMessageType)wire.Type,
            To = wire.To,
            From = wire.From,
            Term = wire.Term,
            LogTerm = wire.LogTerm,
            Index = wire.Index,
            Entries = entries,
            Commit = wire.Commit,
            Snapshot = snapshot,
            Reject = wire.Reject,
            RejectHint = wire.RejectHint,
            Context = wire.Context,
            Transfer = wire.Transfer,
            Transferee = wire.Transferee,
        };
    }
}
