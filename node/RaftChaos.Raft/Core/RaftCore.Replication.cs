using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tracker;

namespace RaftChaos.Raft.Core;

/// <summary>The leader's side of log replication (§5.3), commitment (§5.4.2) and flow control.</summary>
internal sealed partial class RaftCore
{
    /// <summary>Leader: appends one entry of the current term; returns its index.</summary>
    private ulong AppendEntry(EntryType type, ReadOnlyMemory<byte> data)
    {
        var index = Log.LastIndex + 1;
        Log.Append([new Entry(index, Term, type, data)]);
        // The leader acknowledges its own entry once it is durable (stepped at Advance).
        Send(new Message { Type = MessageType.AppendResponse, To = Id, Index = index });
        return index;
    }

    /// <summary>Leader: sends every follower what it lacks, even an empty append (to carry a new commit index).</summary>
    private void BroadcastAppend()
    {
        foreach (var id in Tracker.Config.Voters)
        {
            if (id != Id)
            {
                MaybeSendAppend(id, sendIfEmpty: true);
            }
        }
    }

    /// <summary>Leader: sends new entries to followers that are not paused.</summary>
    private void BroadcastNewEntries()
    {
        foreach (var id in Tracker.Config.Voters)
        {
            if (id != Id)
            {
                MaybeSendAppend(id, sendIfEmpty: false);
            }
        }
    }

    /// <summary>
    /// Sends an append to <paramref name="to"/> from its Next, or a snapshot when the entries it needs were
    /// compacted. Returns false when nothing was sent (paused by flow control, or nothing to send).
    /// </summary>
    private bool MaybeSendAppend(ulong to, bool sendIfEmpty)
    {
        if (!Tracker.Progress.TryGetValue(to, out var pr) || pr.IsPaused)
        {
            return false;
        }

        var prevIndex = pr.Next - 1;
        if (!Log.TryTerm(prevIndex, out var prevTerm) || pr.Next < Log.FirstIndex)
        {
            return MaybeSendSnapshot(to, pr);
        }

        var entries = pr.Next <= Log.LastIndex
            ? Log.Slice(pr.Next, Log.LastIndex, _options.MaxSizePerMessage)
            : [];
        if (entries.Count == 0 && !sendIfEmpty)
        {
            return false;
        }

        long bytes = 0;
        foreach (var e in entries)
        {
            bytes += e.PayloadSize;
        }

        Send(new Message
        {
            Type = MessageType.Append, To = to, Index = prevIndex, LogTerm = prevTerm, Entries = entries, Commit = Log.Committed,
        });
        pr.SentEntries(entries.Count, entries.Count > 0 ? entries[^1].Index : prevIndex, bytes);
        return true;
    }

    private void HandleAppendResponse(Message m)
    {
        if (!Tracker.Progress.TryGetValue(m.From, out var pr))
        {
            return;
        }

        pr.RecentActive = true;
        if (m.Reject)
        {
            // Fast back-off: the follower's hint (index, term) lets us skip every entry of a conflicting term.
            var nextProbe = m.RejectHint;
            if (m.LogTerm > 0)
            {
                nextProbe = Log.FindConflictByTerm(m.RejectHint, m.LogTerm).Index;
            }

            if (pr.MaybeDecrTo(m.Index, nextProbe))
            {
                if (pr.State == ProgressState.Replicate)
                {
                    pr.BecomeProbe();
                }

                MaybeSendAppend(m.From, sendIfEmpty: true);
            }
            return;
        }

        var oldPaused = pr.IsPaused;
        if (!pr.MaybeUpdate(m.Index) && !(pr.Match == m.Index && pr.State == ProgressState.Probe))
        {
            return;
        }

        switch (pr.State)
        {
            case ProgressState.Probe:
                pr.BecomeReplicate();
                break;
            case ProgressState.Snapshot when pr.Match + 1 >= Log.FirstIndex:
                // The follower caught up through the snapshot (or otherwise): resume with entries.
                pr.BecomeProbe();
                pr.BecomeReplicate();
                break;
            case ProgressState.Replicate:
                pr.Inflights.FreeLE(m.Index);
                break;
        }

        var committedInTerm = CommittedInCurrentTerm;
        if (MaybeCommit())
        {
            if (Role != RaftRole.Leader)
            {
                return; // removed from the cluster by the change just committed
            }

            if (!_options.LazyCommitBroadcast || !committedInTerm)
            {
                BroadcastAppend();
            }
        }
        else if (m.From != Id)
        {
            // Flow control opened up (or the probe succeeded): stream what is pending.
            while (MaybeSendAppend(m.From, sendIfEmpty: oldPaused))
            {
                oldPaused = false;
            }
        }

        if (m.From == LeadTransferee && pr.Match == Log.LastIndex)
        {
            SendTimeoutNow(m.From);
        }
    }

    private void HandleHeartbeatResponse(Message m)
    {
        if (!Tracker.Progress.TryGetValue(m.From, out var pr))
        {
            return;
        }

        pr.RecentActive = true;
        pr.MsgAppFlowPaused = false;
        // All appends in flight may have been lost: free a slot so replication can resume (and discover the gap).
        if (pr.State == ProgressState.Replicate && pr.Inflights.Full)
        {
            pr.Inflights.FreeFirstOne();
        }

        if (pr.Match < Log.LastIndex || pr.State == ProgressState.Probe)
        {
            MaybeSendAppend(m.From, sendIfEmpty: true);
        }

        if (m.Context > pr.AckedRound)
        {
            pr.AckedRound = m.Context;
            OnRoundAcknowledged();
        }
    }

    /// <summary>
    /// Advances the commit index to the highest index replicated on a quorum, but only if that entry is of the
    /// current term (§5.4.2, Figure 8: an old-term entry on a majority can still be overwritten). Committing it
    /// commits every earlier entry by Log Matching. Repeats while membership changes move the quorum.
    /// </summary>
    private bool MaybeCommit()
    {
        var committed = false;
        while (Role == RaftRole.Leader)
        {
            var index = Tracker.Committed();
            if (index <= Log.Committed)
            {
                break;
            }

            if (Log.TermOrZero(index) != Term && !Bugs.HasFlag(UnsafeBug.CommitOldTerm))
            {
                break;
            }

            CommitTo(index);
            committed = true;
            if (!Tracker.Config.Contains(Id))
            {
                // Our own removal committed: tell the followers (they learn the commit), then step down.
                BroadcastAppend();
                BecomeFollower(Term, 0);
            }
        }
        return committed;
    }

    /// <summary>Raises the commit index (never lowers it) and applies membership changes it covers.</summary>
    private void CommitTo(ulong index)
    {
        if (index > Log.LastIndex)
        {
            if (!Lenient)
            {
                throw new InvalidOperationException($"commit {index} is past the last index {Log.LastIndex}: log lost or corrupted");
            }

            index = Log.LastIndex;
        }
        var old = Log.Committed;
        if (index <= old)
        {
            return;
        }

        Log.CommitTo(index);
        for (var i = Math.Max(old + 1, Log.FirstIndex); i <= index; i++)
        {
            var e = Log.At(i);
            if (e.Type == EntryType.MembershipChange)
            {
                CommitMembershipEntry(e);
            }
        }
    }

    /// <summary>Leader: a heartbeat round, carrying the commit index each follower can take (min with its Match) and the round number.</summary>
    private void BroadcastHeartbeat()
    {
        var round = ++_heartbeatRound;
        if (Bugs.HasFlag(UnsafeBug.LeaseReads))
        {
            _lease.RoundSent(round, _ticks);
        }

        foreach (var id in Tracker.Config.Voters)
        {
            if (id == Id)
            {
                continue;
            }

            var pr = Tracker.Progress[id];
            Send(new Message { Type = MessageType.Heartbeat, To = id, Commit = Math.Min(pr.Match, Log.Committed), Context = round });
        }
        if (Tracker.Progress.TryGetValue(Id, out var self))
        {
            self.AckedRound = round;
            OnRoundAcknowledged();
        }
    }
}
