namespace RaftChaos.Raft.Tracker;

/// <summary>
/// The leader's view of one follower (Raft paper Figure 2: nextIndex and matchIndex, plus etcd's
/// probe/replicate/snapshot states for flow control).
/// Invariants: Match &lt; Next; in Snapshot state PendingSnapshot &gt; 0.
/// </summary>
internal sealed class Progress
{
    public Progress(ulong next, int maxInflight, long maxInflightBytes)
    {
        Next = next;
        Inflights = new Inflights(maxInflight, maxInflightBytes);
    }

    /// <summary>Highest index known to be replicated on the follower.</summary>
    public ulong Match { get; set; }

    /// <summary>Index of the next entry to send.</summary>
    public ulong Next { get; set; }

    public ProgressState State { get; private set; } = ProgressState.Probe;

    /// <summary>In snapshot state: the index of the snapshot sent.</summary>
    public ulong PendingSnapshot { get; private set; }

    /// <summary>Heard from since the last CheckQuorum round (the leader itself is always active).</summary>
    public bool RecentActive { get; set; }

    /// <summary>In probe state: an append was sent and no answer (or heartbeat response) came back yet.</summary>
    public bool MsgAppFlowPaused { get; set; }

    /// <summary>Appends in flight (replicate state).</summary>
    public Inflights Inflights { get; }

    /// <summary>In snapshot state: CheckQuorum periods the snapshot has gone unanswered.</summary>
    public int SnapshotPeriods { get; set; }

    /// <summary>Highest heartbeat round this follower acknowledged in the current term (ReadIndex and leases).</summary>
    public ulong AckedRound { get; set; }

    /// <summary>Back to probing: send one append at a time from Match+1 (or after a snapshot).</summary>
    public void BecomeProbe()
    {
        // After a snapshot, the follower has at least the snapshot: probe from there.
        Next = State == ProgressState.Snapshot ? Math.Max(Match + 1, PendingSnapshot + 1) : Match + 1;
        ResetState(ProgressState.Probe);
    }

    /// <summary>The snapshot failed to reach the follower: probe again from Match+1.</summary>
    public void SnapshotFailed()
    {
        PendingSnapshot = 0;
        BecomeProbe();
    }

    /// <summary>The follower matches at Match: stream entries from Match+1.</summary>
    public void BecomeReplicate()
    {
        Next = Match + 1;
        ResetState(ProgressState.Replicate);
    }

    /// <summary>A snapshot at <paramref name="snapshotIndex"/> is on its way.</summary>
    public void BecomeSnapshot(ulong snapshotIndex)
    {
        ResetState(ProgressState.Snapshot);
        PendingSnapshot = snapshotIndex;
    }

    private void ResetState(ProgressState state)
    {
        MsgAppFlowPaused = false;
        PendingSnapshot = 0;
        SnapshotPeriods = 0;
        State = state;
        Inflights.Reset();
    }

    /// <summary>True when no append should be sent now.</summary>
    public bool IsPaused => State switch
    {
        ProgressState.Probe => MsgAppFlowPaused,
        ProgressState.Replicate => Inflights.Full,
        _ => true,
    };

    /// <summary>
    /// Records that an append with <paramref name="count"/> entries ending at <paramref name="lastIndex"/> was sent.
    /// Replicate: optimistically advance Next and track the message. Probe: wait for the answer.
    /// </summary>
    public void SentEntries(int count, ulong lastIndex, long bytes)
    {
        if (State == ProgressState.Replicate)
        {
            if (count > 0)
            {
                Next = lastIndex + 1;
                Inflights.Add(lastIndex, bytes);
            }
        }
        else if (State == ProgressState.Probe)
        {
            MsgAppFlowPaused = true;
        }
    }

    /// <summary>
    /// The follower acknowledged index <paramref name="n"/>. Returns true when Match moved (the answer was not stale).
    /// </summary>
    public bool MaybeUpdate(ulong n)
    {
        var updated = false;
        if (Match < n)
        {
            Match = n;
            updated = true;
            MsgAppFlowPaused = false;
        }
        Next = Math.Max(Next, n + 1);
        return updated;
    }

    /// <summary>
    /// The follower rejected an append at <paramref name="rejected"/>, hinting its log may match up to
    /// <paramref name="matchHint"/>. Returns false for a stale rejection (one that does not concern the
    /// last append sent); else moves Next back, never below Match+1.
    /// </summary>
    public bool MaybeDecrTo(ulong rejected, ulong matchHint)
    {
        if (State == ProgressState.Replicate)
        {
            // Appends after Match may be in flight: a rejection at or below Match is stale.
            if (rejected <= Match)
            {
                return false;
            }

            Next = Match + 1;
            return true;
        }
        // Probe: only the rejection of the probe we sent (at Next-1) counts.
        if (Next == 0 || Next - 1 != rejected)
        {
            return false;
        }

        Next = Math.Max(Math.Min(rejected, matchHint + 1), Match + 1);
        MsgAppFlowPaused = false;
        return true;
    }

    public ProgressStatus ToStatus() => new(Match, Next, State, Inflights.Count, RecentActive, PendingSnapshot);

    /// <inheritdoc />
    public override string ToString() => $"match={Match} next={Next} {State}";
}
