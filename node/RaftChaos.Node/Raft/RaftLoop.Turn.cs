using System.Diagnostics;
using Google.Protobuf;
using RaftChaos.Node.Failpoints;
using RaftChaos.Node.Hosting;
using RaftChaos.Node.StateMachine;
using RaftChaos.Node.Transport;
using RaftChaos.Raft;
using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Node.Raft;

/// <summary>The body of one loop turn: inputs, Ready handling, applying, snapshots.</summary>
internal sealed partial class RaftLoop
{
    private void Handle(RaftNode core, LoopInput input)
    {
        switch (input.Kind)
        {
            case LoopInputKind.Tick:
                Interlocked.Exchange(ref _tickQueued, 0);
                core.Tick();
                _ticks++;
                TickReads(core);
                break;
            case LoopInputKind.Message:
                core.Step(input.Message!);
                break;
            case LoopInputKind.Propose:
                Propose(core, input.Command!, input.Completion!);
                break;
            case LoopInputKind.Read:
                Read(core, input.Key!, input.Linearizable, input.Completion!);
                break;
            case LoopInputKind.Status:
                input.StatusCompletion!.TrySetResult(CurrentStatus(core));
                break;
            case LoopInputKind.ChangeMembership:
                ProposeMembershipChange(core, input.Change!, input.Completion!);
                break;
            case LoopInputKind.ConnectionLost:
                if (core.ReportConnectionLost(input.Peer))
                {
                    Log.LeaderConnectionLost(_logger, _ids.NameOf(input.Peer), core.Term);
                }
                break;
        }
    }

    private void Propose(RaftNode core, Command command, TaskCompletionSource<RequestOutcome> completion)
    {
        // Followers refuse instead of forwarding (see KvService): the refusal is definite because nothing
        // has been proposed anywhere.
        if (_role != RaftRole.Leader)
        {
            completion.TrySetResult(RequestOutcome.NotLeader(_ids.NameOf(_leader)));
            return;
        }
        var result = core.Propose(command.ToByteArray());
        if (result.Accepted)
        {
            _proposals.Add(result.Index, result.Term, completion);
        }
        else
        {
            completion.TrySetResult(RequestOutcome.NotLeader(_ids.NameOf(result.LeaderHint)));
        }
    }

    private void ProposeMembershipChange(RaftNode core, MembershipChange change, TaskCompletionSource<RequestOutcome> completion)
    {
        if (_role != RaftRole.Leader)
        {
            completion.TrySetResult(RequestOutcome.NotLeader(_ids.NameOf(_leader)));
            return;
        }
        var result = core.ProposeMembershipChange(change);
        if (result.Accepted)
        {
            _proposals.Add(result.Index, result.Term, completion);
            Log.MembershipProposed(_logger, MembershipText(change), result.Index, result.Term);
        }
        else if (result.Reason is DropReason.NotLeader or DropReason.NoLeader)
        {
            completion.TrySetResult(RequestOutcome.NotLeader(_ids.NameOf(result.LeaderHint)));
        }
        else
        {
            // Refused before proposing, so certainly not done: one change already in flight, nothing committed in this
            // term yet, a transfer under way, or a change that makes no sense (adding a voter, removing the last one).
            completion.TrySetResult(RequestOutcome.Failed($"the leader refused the change before proposing it: {result.Reason}"));
        }
    }

    private string MembershipText(MembershipChange change) =>
        $"{(change.Type == MembershipChangeType.AddVoter ? "add" : "remove")} {_ids.NameOf(change.NodeId)}";

    /// <summary>
    /// Logs the configuration in force whenever it changed (and once at start): the bed's membership-safety check reads
    /// these lines, the index and commit telling whether a change took effect while the one before was uncommitted.
    /// Looked at after every input and every Ready, so a change put in force at proposal is logged before it can commit.
    /// </summary>
    private void LogConfigInForce(RaftNode core)
    {
        // ConfState is immutable and replaced on every change: comparing references is enough.
        if (core.ConfIndex == _loggedConfIndex && ReferenceEquals(core.ConfState, _loggedConf))
        {
            return;
        }
        _loggedConfIndex = core.ConfIndex;
        _loggedConf = core.ConfState;
        Log.ConfigInForce(_logger, core.ConfIndex, core.ConfTerm, core.Status().Commit, VotersText(core));
    }

    private string VotersText(RaftNode core) => string.Join(",", core.ConfState.Voters.Select(_ids.NameOf));

    private void Read(RaftNode core, string key, bool linearizable, TaskCompletionSource<RequestOutcome> completion)
    {
        if (!linearizable)
        {
            completion.TrySetResult(RequestOutcome.Done(_stateMachine.Read(key)));
            return;
        }
        // Every role asks the core: a leader confirms its leadership with a heartbeat round, a follower's request
        // is forwarded to the leader and the ReadState comes back in a Ready; one that knows no leader is refused
        // (NoLeader → not_leader, definite). With --unsafe stale-reads the core answers at once on any node from
        // its own commit index, so a lagging follower really serves stale values for the checker to catch.
        IssueRead(core, key, completion);
    }

    /// <summary>Per tick: fail reads past their deadline; a follower resends the ones still unanswered.</summary>
    private void TickReads(RaftNode core)
    {
        _reads.Expire(_ticks, ReadTimeoutTicks, "the read index was not confirmed in time; read again");
        if (_role == RaftRole.Leader)
        {
            return; // the leader's own reads wait in the core for a heartbeat round, nothing was lost in transit
        }
        // The leader drops a forwarded ReadIndex while it has not yet committed in its term, and peer messages
        // can be lost: ask again rather than wait for the deadline.
        foreach (var context in _reads.DueForResend(_ticks, ReadResendTicks))
        {
            core.ReadIndex(context);
        }
    }

    /// <summary>A ReadIndex unanswered this long fails (gRPC Unavailable): 3 election timeouts, 600 ms by default.</summary>
    private long ReadTimeoutTicks => 3L * _options.ElectionTicks;

    /// <summary>A follower resends an unanswered ReadIndex after two heartbeat intervals (80 ms by default).</summary>
    private long ReadResendTicks => Math.Max(1L, 2L * _options.HeartbeatTicks);

    private void IssueRead(RaftNode core, string key, TaskCompletionSource<RequestOutcome> completion)
    {
        var context = _reads.NextContext();
        var result = core.ReadIndex(context);
        if (result.Accepted)
        {
            _reads.Issued(context, key, completion, _ticks);
        }
        else if (result.Reason == DropReason.NotCommittedInTerm)
        {
            _reads.Defer(key, completion);
        }
        else
        {
            completion.TrySetResult(RequestOutcome.NotLeader(_ids.NameOf(result.LeaderHint)));
        }
    }

    private async Task HandleReadyAsync(RaftNode core, Ready ready, CancellationToken ct)
    {
        foreach (var conflict in ready.CommittedEntryConflicts)
        {
            Log.CommittedEntryConflict(_logger, conflict.Index, conflict.Committed, conflict.LocalTerm, conflict.LeaderTerm);
        }
        if (ready.HardState is { } hard && hard.Term != _term)
        {
            Log.TermChanged(_logger, hard.Term, _term, _ids.NameOf(hard.Vote));
            _term = hard.Term;
        }
        if (ready.SoftState is { } soft)
        {
            OnSoftState(soft);
        }
        // crash-before-first-append holds this Ready's messages back: the new leader's first entries must end up on its
        // own disk only (step one of the Raft paper's Figure 8), so nothing of the Ready reaches the transport.
        var crashBeforeSend = _failpoint?.ShouldCrashBeforeFirstAppend(_role == RaftRole.Leader, _term, ready.Entries.Count > 0) == true;
        // A leader's appends go out while it persists its own copy (Raft allows the leader to write in parallel).
        if (!crashBeforeSend)
        {
            Send(ready.Messages);
        }
        var ignoredBefore = _storage!.SyncFailuresIgnored;
        await _storage.SaveAsync(ready, ct).ConfigureAwait(false);
        if (_storage.SyncFailuresIgnored != ignoredBefore)
        {
            Log.SyncFailureIgnored(_logger, _storage.SyncFailuresIgnored, _term);
        }
        if (crashBeforeSend)
        {
            Log.FailpointFired(_logger, _failpoint!.Name, _term);
            await CrashFailpoint.CrashAsync(ct).ConfigureAwait(false);
        }
        Send(ready.MessagesAfterPersist);
        if (_failpoint?.ShouldCrashAfterVote(ready.MessagesAfterPersist) == true)
        {
            Log.FailpointFired(_logger, _failpoint.Name, _term);
            await CrashFailpoint.CrashAsync(ct).ConfigureAwait(false);
        }

        if (ready.Snapshot is { } snapshot)
        {
            _stateMachine.Restore(snapshot.Data.Span);
            _applied = _snapshotIndex = snapshot.Index;
            // Our proposals below the snapshot can no longer be matched to their entries.
            _proposals.FailAll("a snapshot replaced the log; the outcome is unknown");
            Log.SnapshotInstalled(_logger, snapshot.Index, snapshot.Term, _stateMachine.Count, snapshot.Data.Length);
        }
        foreach (var entry in ready.CommittedEntries)
        {
            Apply(entry);
        }
        if (_leadershipLost)
        {
            _leadershipLost = false;
            var proposals = _proposals.FailAll("leadership was lost after proposing; the outcome is unknown");
            var reads = _reads.FailAll("leadership was lost; read again");
            Log.ProposalsAbandoned(_logger, proposals, reads, _term);
        }
        foreach (var read in ready.ReadStates)
        {
            _reads.Confirmed(read.Context, read.Index);
        }
        core.Advance();
        _reads.Serve(_applied, _stateMachine);
    }

    private void Apply(Entry entry)
    {
        if (entry.Index <= _applied)
        {
            return;
        }
        var result = ApplyResult.Done;
        if (entry.Type == EntryType.Normal && !entry.Data.IsEmpty)
        {
            Command command;
            try
            {
                command = Command.Parser.ParseFrom(entry.Data.Span);
            }
            catch (InvalidProtocolBufferException)
            {
                // Cannot happen for entries this node version wrote; skipping keeps every replica equal.
                command = new Command();
            }
            result = _stateMachine.Apply(command);
        }
        else if (entry.Type == EntryType.MembershipChange && MembershipChange.TryDecode(entry.Data.Span) is { } change)
        {
            // The core switched to the new voters when the entry committed; the log line is what the bed's membership
            // check reads (one line per node and change).
            Log.MembershipApplied(_logger, MembershipText(change), entry.Index, entry.Term, VotersText(_core!));
        }
        _applied = entry.Index;
        _proposals.Applied(entry.Index, entry.Term, result);
    }

    private void Send(IReadOnlyList<Message> messages)
    {
        foreach (var message in messages)
        {
            _transport.TrySend(_ids.NameOf(message.To), RaftMessageCodec.ToWire(message));
        }
    }

    private void OnSoftState(SoftState soft)
    {
        if (soft.Role != _role)
        {
            Log.RoleChanged(_logger, RoleName(soft.Role), RoleName(_role), _term, _ids.NameOf(soft.Leader));
            if (soft.Role is RaftRole.PreCandidate or RaftRole.Candidate)
            {
                Log.ElectionStarted(_logger, RoleName(soft.Role), _term);
            }
            // A leader's waiters end after this Ready's committed entries are applied: an entry that committed in the
            // turn leadership was lost (a leader removing itself steps down as the change commits) did take effect.
            _leadershipLost |= _role == RaftRole.Leader;
            _role = soft.Role;
        }
        if (soft.Leader != _leader)
        {
            // Reads forwarded to the old leader will not be answered by the new one.
            _reads.FailIssued("the leader changed while the read index was pending; read again");
            _leader = soft.Leader;
            Log.LeaderChanged(_logger, _ids.NameOf(soft.Leader), _term);
        }
    }

    private async Task MaybeSnapshotAsync(RaftNode core, CancellationToken ct)
    {
        if (_applied - _snapshotIndex < (ulong)_options.SnapshotEntries)
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        var data = _stateMachine.Snapshot();
        // The core drops only its in-memory copy; storage still holds the entries until CompactAsync
        // has made the snapshot durable, so a crash in between loses nothing.
        if (!core.Compact(_applied, data) || core.Snapshot is not { } snapshot)
        {
            return;
        }
        await _storage!.CompactAsync(snapshot, ct).ConfigureAwait(false);
        _snapshotIndex = snapshot.Index;
        Log.SnapshotTaken(_logger, snapshot.Index, snapshot.Term, _stateMachine.Count, data.Length, clock.ElapsedMilliseconds);
    }

    private NodeStatus CurrentStatus(RaftNode core)
    {
        var status = core.Status();
        return new NodeStatus(RoleName(status.Role), status.Term, _ids.NameOf(status.Leader), status.Commit, _applied, status.LastIndex,
            [.. status.ConfState.Voters.Select(_ids.NameOf)]);
    }

    private static string RoleName(RaftRole role) => role switch
    {
        RaftRole.Leader => "leader",
        RaftRole.Candidate => "candidate",
        RaftRole.PreCandidate => "pre-candidate",
        _ => "follower",
    };
}
