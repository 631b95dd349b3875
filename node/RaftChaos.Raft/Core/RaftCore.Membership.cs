using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Raft.Core;

/// <summary>
/// Proposals and single-server membership changes (dissertation §4.1). A change takes effect when its entry
/// commits, on every node; only one may be uncommitted at a time, and only after the leader committed an
/// entry of its term (which closes the known single-server-change bug across leader changes).
/// </summary>
internal sealed partial class RaftCore
{
    public ProposeResult Propose(EntryType type, ReadOnlyMemory<byte> data)
    {
        if (Role != RaftRole.Leader)
        {
            return ProposeResult.Dropped(Lead == 0 ? DropReason.NoLeader : DropReason.NotLeader, Lead);
        }

        if (LeadTransferee != 0)
        {
            return ProposeResult.Dropped(DropReason.TransferInProgress, Id);
        }

        var index = AppendEntry(type, data);
        BroadcastNewEntries();
        return ProposeResult.AcceptedAt(index, Term);
    }

    public ProposeResult ProposeMembershipChange(MembershipChange change)
    {
        if (Role != RaftRole.Leader)
        {
            return ProposeResult.Dropped(Lead == 0 ? DropReason.NoLeader : DropReason.NotLeader, Lead);
        }

        if (LeadTransferee != 0)
        {
            return ProposeResult.Dropped(DropReason.TransferInProgress, Id);
        }

        if (!CommittedInCurrentTerm)
        {
            return ProposeResult.Dropped(DropReason.NotCommittedInTerm, Id);
        }
        // membership-on-append: the change in flight is already in force, so the bug takes it as done.
        var onAppend = Bugs.HasFlag(UnsafeBug.MembershipOnAppend);
        if (!onAppend && _pendingConfIndex > Log.Committed)
        {
            return ProposeResult.Dropped(DropReason.MembershipChangePending, Id);
        }

        if (!Tracker.ConfState.CanApply(change))
        {
            return ProposeResult.Dropped(DropReason.InvalidMembershipChange, Id);
        }

        var result = Propose(EntryType.MembershipChange, change.Encode());
        _pendingConfIndex = result.Index;
        if (onAppend && result.Accepted)
        {
            ApplyMembershipChange(change, result.Index);
            _inForceOnAppend[result.Index] = result.Term;
        }
        return result;
    }

    /// <summary>
    /// Called as the entry at <paramref name="index"/> commits (or, under membership-on-append, as the leader appends it).
    /// On the leader, a new voter starts probing; a removed transferee ends the transfer.
    /// </summary>
    private void ApplyMembershipChange(MembershipChange change, ulong index)
    {
        Tracker.SetConfig(Tracker.ConfState.Apply(change), Log.LastIndex + 1);
        ConfIndex = index;
        if (LeadTransferee != 0 && !Tracker.Config.Contains(LeadTransferee))
        {
            AbortLeaderTransfer();
        }
    }

    /// <summary>
    /// Called for each membership entry that commits: applies it, unless membership-on-append put this very entry
    /// (same index and term) in force already when it was appended.
    /// </summary>
    private void CommitMembershipEntry(Entry e)
    {
        if (_inForceOnAppend.Remove(e.Index, out var term) && term == e.Term)
        {
            return;
        }

        ApplyMembershipChange(MembershipChange.Decode(e.Data.Span), e.Index);
    }

    /// <summary>The membership in force after entry <paramref name="index"/>: the snapshot's, plus the changes in the log up to index.</summary>
    public ConfState ConfStateAt(ulong index)
    {
        var conf = Log.Snapshot?.ConfState ?? ConfState.Empty;
        for (var i = Log.FirstIndex; i <= index; i++)
        {
            var e = Log.At(i);
            if (e.Type == EntryType.MembershipChange)
            {
                conf = conf.Apply(MembershipChange.Decode(e.Data.Span));
            }
        }
        return conf;
    }

    /// <summary>Restart: the membership as of the commit index (changes apply on commit).</summary>
    public void RestoreConfState()
    {
        Tracker.SetConfig(ConfStateAt(Log.Committed), Log.LastIndex + 1);
        ConfIndex = LastMembershipIndexAt(Log.Committed);
    }

    /// <summary>The index of the last membership entry at or before <paramref name="index"/>; the snapshot's index when none is left in the log.</summary>
    private ulong LastMembershipIndexAt(ulong index)
    {
        for (var i = index; i >= Log.FirstIndex && i > 0; i--)
        {
            if (Log.At(i).Type == EntryType.MembershipChange)
            {
                return i;
            }
        }
        return Log.SnapshotIndex;
    }
}
