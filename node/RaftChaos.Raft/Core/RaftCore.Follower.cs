using RaftChaos.Raft.Messages;

namespace RaftChaos.Raft.Core;

/// <summary>The follower's side of replication: AppendEntries, heartbeats and InstallSnapshot receivers.</summary>
internal sealed partial class RaftCore
{
    /// <summary>AppendEntries receiver (Figure 2): accept when the log matches at (Index, LogTerm), else reject with a back-off hint.</summary>
    private void HandleAppend(Message m)
    {
        CheckCommittedEntries(m);
        if (m.Index < Log.Committed)
        {
            // Everything up to our commit index is settled: tell the leader where we are.
            Send(new Message { Type = MessageType.AppendResponse, To = m.From, Index = Log.Committed });
            return;
        }
        if (Log.MaybeAppend(m.Index, m.LogTerm, m.Entries, out var lastNew))
        {
            // Commit only what the leader sent us: entries after lastNew may differ from the leader's.
            CommitTo(Math.Min(m.Commit, lastNew));
            Send(new Message { Type = MessageType.AppendResponse, To = m.From, Index = lastNew });
            return;
        }
        // Hint: the last index whose term is ≤ the leader's term at m.Index; the leader skips from there.
        var (hintIndex, hintTerm) = Log.FindConflictByTerm(Math.Min(m.Index, Log.LastIndex), m.LogTerm);
        Send(new Message
        {
            Type = MessageType.AppendResponse, To = m.From, Index = m.Index, Reject = true, RejectHint = hintIndex, LogTerm = hintTerm,
        });
    }

    /// <summary>
    /// Leader Completeness: a leader's log holds every committed entry, so an entry it sends for an index this node
    /// knows to be committed must be the one it has. A mismatch means a broken leader (commit-old-term's Figure 8): the
    /// core throws without a bug, and with one reports it (the append is then handled as before: a conflict below the
    /// commit index is never written, so that follower stays behind).
    /// </summary>
    private void CheckCommittedEntries(Message m)
    {
        foreach (var entry in m.Entries)
        {
            if (entry.Index > Log.Committed)
            {
                return;
            }

            if (!Log.TryTerm(entry.Index, out var local) || local == entry.Term)
            {
                continue;
            }

            if (!Lenient)
            {
                throw new InvalidOperationException($"the leader's entry {entry.Index} (term {entry.Term}) conflicts with committed entry of term {local} (commit {Log.Committed})");
            }

            Log.CommittedConflicts.Add(new CommittedEntryConflict(entry.Index, Log.Committed, local, entry.Term));
            return;
        }
    }

    private void HandleHeartbeat(Message m)
    {
        // The leader caps Commit at our Match, so it never exceeds what our log holds in agreement with it.
        CommitTo(m.Commit);
        Send(new Message { Type = MessageType.HeartbeatResponse, To = m.From, Context = m.Context });
    }

    /// <summary>InstallSnapshot receiver: take the snapshot unless we already have what it covers.</summary>
    private void HandleSnapshot(Message m)
    {
        var snapshot = m.Snapshot ?? throw new ArgumentException("snapshot message without a snapshot", nameof(m));
        var index = Restore(snapshot) ? Log.LastIndex : Log.Committed;
        Send(new Message { Type = MessageType.AppendResponse, To = m.From, Index = index });
    }

    /// <summary>Returns true when the snapshot replaced the log (it must then be installed via Ready).</summary>
    private bool Restore(Snapshot snapshot)
    {
        if (snapshot.Index <= Log.Committed)
        {
            return false;
        }

        if (Log.MatchTerm(snapshot.Index, snapshot.Term))
        {
            // We hold the snapshot's last entry, so (Log Matching) everything before it: just commit.
            CommitTo(snapshot.Index);
            return false;
        }
        Log.Restore(snapshot);
        Tracker.SetConfig(snapshot.ConfState, Log.LastIndex + 1);
        ConfIndex = snapshot.Index;
        return true;
    }
}
