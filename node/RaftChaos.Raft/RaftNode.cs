using RaftChaos.Raft.Core;
using RaftChaos.Raft.Log;
using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Raft;

/// <summary>
/// One Raft node: a pure, deterministic state machine. The caller drives it from a single loop:
/// feed time (<see cref="Tick"/>), messages (<see cref="Step"/>) and requests (<see cref="Propose"/>,
/// <see cref="ReadIndex"/>, ...); then, while <see cref="HasReady"/>, take a <see cref="Raft.Ready"/>,
/// persist / send / apply what it says and call <see cref="Advance"/>. Not thread-safe; does no I/O.
/// </summary>
public sealed class RaftNode
{
    private readonly RaftOptions _options;
    private readonly RaftCore _raft;
    private SoftState _prevSoftState;
    private HardState _prevHardState;
    private Ready? _outstanding;
    private List<Message> _stepsOnAdvance = [];

    /// <summary>
    /// Creates a node from its options and what it recovered from storage (<see cref="RecoveredState.Empty"/>
    /// for a new node; with <see cref="RaftOptions.InitialVoters"/> it then bootstraps a new cluster).
    /// </summary>
    public RaftNode(RaftOptions options, RecoveredState? recovered = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        recovered ??= RecoveredState.Empty;
        _options = options;
        var lenient = options.UnsafeBugs != UnsafeBug.None;

        var log = RaftLog.Recover(recovered.Snapshot, recovered.Entries, lenient);
        var hs = recovered.HardState;
        if (options.UnsafeBugs.HasFlag(UnsafeBug.ForgetVote))
        {
            hs = hs with { Vote = 0 };
        }

        _prevHardState = hs;

        var bootstrap = hs.IsEmpty && recovered.Snapshot is null && log.LastIndex == 0 && options.InitialVoters.Count > 0;
        if (bootstrap)
        {
            // Every founder writes the same entries: one AddVoter per founding member, at term 1, committed.
            var voters = options.InitialVoters.Distinct().Order().ToList();
            log.Append([.. voters.Select((id, i) => new Entry((ulong)i + 1, 1, EntryType.MembershipChange,
                new MembershipChange(MembershipChangeType.AddVoter, id).Encode()))]);
            hs = new HardState(1, 0, (ulong)voters.Count);
        }

        var commit = Math.Max(hs.Commit, log.SnapshotIndex);
        if (commit > log.LastIndex)
        {
            // Only possible if storage lost synced entries (or an unsafe bug let it).
            if (!lenient)
            {
                throw new InvalidOperationException($"recovered commit {commit} is past the last index {log.LastIndex}");
            }

            commit = log.LastIndex;
        }
        log.CommitTo(commit);
        var applied = Math.Max(recovered.Applied, log.SnapshotIndex);
        if (applied > log.Committed)
        {
            if (!lenient)
            {
                throw new InvalidOperationException($"recovered applied {applied} is past the commit index {log.Committed}");
            }

            applied = log.Committed;
        }
        log.AppliedTo(applied);

        _raft = new RaftCore(options, log, options.Random ?? new Random(unchecked((int)options.Id)));
        _raft.LoadHardState(hs with { Commit = 0 });
        _raft.BecomeFollower(hs.Term, 0);
        _raft.RestoreConfState();
        _prevSoftState = new SoftState(0, RaftRole.Follower);
        _raft.CheckInvariants();
    }

    /// <summary>This node's id.</summary>
    public ulong Id => _raft.Id;

    /// <summary>Current role.</summary>
    public RaftRole Role => _raft.Role;

    /// <summary>Current term.</summary>
    public ulong Term => _raft.Term;

    /// <summary>Known leader, or 0.</summary>
    public ulong Leader => _raft.Lead;

    /// <summary>Current membership (changes take effect when their entry commits).</summary>
    public ConfState ConfState => _raft.Tracker.ConfState;

    /// <summary>The index of the entry whose membership is in force (<see cref="ConfState"/>); a snapshot's index when it came from one.</summary>
    public ulong ConfIndex => _raft.ConfIndex;

    /// <summary>The term of the entry at <see cref="ConfIndex"/> (0 when the log no longer holds it).</summary>
    public ulong ConfTerm => _raft.Log.TermOrZero(_raft.ConfIndex);

    /// <summary>Advances logical time by one tick: election timeouts and heartbeats count ticks.</summary>
    public void Tick()
    {
        _raft.Tick();
        _raft.CheckInvariants();
    }

    /// <summary>Feeds a message received from another node. Messages not addressed to this node are ignored.</summary>
    public void Step(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.To != Id || message.From == 0)
        {
            return;
        }

        _raft.Step(message);
        _raft.CheckInvariants();
    }

    /// <summary>Starts an election now (with a pre-vote round when enabled), as if the election timeout elapsed.</summary>
    public void Campaign() => _raft.Hup(transfer: false);

    /// <summary>Proposes a command. Only the leader accepts; see <see cref="ProposeResult"/>.</summary>
    public ProposeResult Propose(ReadOnlyMemory<byte> data) => _raft.Propose(EntryType.Normal, data);

    /// <summary>Proposes adding or removing one voter (one change at a time; takes effect when committed).</summary>
    public ProposeResult ProposeMembershipChange(MembershipChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return _raft.ProposeMembershipChange(change);
    }

    /// <summary>
    /// Requests a linearizable read. When accepted, a <see cref="ReadOnly.ReadState"/> with this context appears in a
    /// later Ready once leadership is confirmed; serve the read after applying up to its index.
    /// </summary>
    public ReadIndexResult ReadIndex(ulong context)
    {
        var reason = _raft.ReadIndex(context);
        return reason == DropReason.None ? ReadIndexResult.Pending : ReadIndexResult.Dropped(reason, _raft.Lead);
    }

    /// <summary>Asks the leader (directly, or forwarded from a follower) to hand leadership to <paramref name="transferee"/>.</summary>
    public bool TransferLeadership(ulong transferee) => _raft.TransferLeadership(transferee);

    /// <summary>The transport failed to deliver to <paramref name="id"/>: a leader stops streaming to it and probes.</summary>
    public void ReportUnreachable(ulong id) => _raft.ReportUnreachable(id);

    /// <summary>
    /// The transport saw the connection from <paramref name="id"/> close. A follower whose leader that is campaigns after
    /// a short random delay instead of a full election timeout (a crashed leader's connections close at once).
    /// </summary>
    /// <returns>True when <paramref name="id"/> was this follower's leader and it will campaign early.</returns>
    public bool ReportConnectionLost(ulong id)
    {
        var acted = _raft.LeaderConnectionLost(id);
        _raft.CheckInvariants();
        return acted;
    }

    /// <summary>The transport finished (or failed) sending a snapshot message to <paramref name="id"/>.</summary>
    public void ReportSnapshot(ulong id, bool succeeded) => _raft.ReportSnapshot(id, succeeded);

    /// <summary>
    /// The application durably saved a snapshot of its state machine at <paramref name="index"/> (≤ applied) with
    /// <paramref name="data"/>: the log before it is dropped, and the snapshot is what lagging followers receive.
    /// Returns false when the log is already compacted that far. Returns the snapshot via <see cref="Snapshot"/>.
    /// </summary>
    public bool Compact(ulong index, ReadOnlyMemory<byte> data) => _raft.Compact(index, data);

    /// <summary>The latest snapshot (compaction point), or null.</summary>
    public Snapshot? Snapshot => _raft.Log.Snapshot;

    /// <summary>True when a Ready has work for the application (and none is outstanding).</summary>
    public bool HasReady
    {
        get
        {
            if (_outstanding is not null)
            {
                return false;
            }

            var log = _raft.Log;
            return CurrentSoftState() != _prevSoftState
                || HardStateToPersist() != _prevHardState
                || log.HasUnstableEntries
                || log.PendingSnapshot is not null
                || log.HasNextCommittedEntries
                || _raft.Outbox.Count > 0
                || _raft.OutboxAfterPersist.Count > 0
                || _raft.ReadStates.Count > 0
                || log.CommittedConflicts.Count > 0;
        }
    }

    /// <summary>Takes the pending work. Call <see cref="Advance"/> once it is handled, before the next Ready.</summary>
    public Ready Ready()
    {
        if (_outstanding is not null)
        {
            throw new InvalidOperationException("Ready called again before Advance");
        }

        var log = _raft.Log;
        var soft = CurrentSoftState();
        var hard = HardStateToPersist();
        var entries = log.UnstableEntries();
        var snapshot = log.PendingSnapshot;
        var ackBeforePersist = _options.UnsafeBugs.HasFlag(UnsafeBug.AckBeforePersist);

        var afterPersist = new List<Message>();
        _stepsOnAdvance = [];
        foreach (var m in _raft.OutboxAfterPersist)
        {
            (m.To == Id ? _stepsOnAdvance : afterPersist).Add(m);
        }

        var ready = new Ready
        {
            SoftState = soft != _prevSoftState ? soft : null,
            HardState = hard != _prevHardState ? hard : null,
            Entries = entries,
            Snapshot = snapshot,
            CommittedEntries = log.NextCommittedEntries(_options.MaxCommittedSizePerReady),
            Messages = [.. _raft.Outbox],
            MessagesAfterPersist = afterPersist,
            ReadStates = [.. _raft.ReadStates],
            CommittedEntryConflicts = [.. log.CommittedConflicts],
            MustSync = hard.Term != _prevHardState.Term || hard.Vote != _prevHardState.Vote || snapshot is not null
                || (entries.Count > 0 && !ackBeforePersist),
        };
        _raft.Outbox.Clear();
        _raft.OutboxAfterPersist.Clear();
        _raft.ReadStates.Clear();
        log.CommittedConflicts.Clear();
        _prevSoftState = soft;
        _prevHardState = hard;
        _outstanding = ready;
        return ready;
    }

    /// <summary>
    /// The last Ready was handled: its entries, hard state and snapshot are durable and its committed entries applied.
    /// Steps this node's own acknowledgements (its vote, its log append), which count only once durable.
    /// </summary>
    public void Advance()
    {
        var ready = _outstanding ?? throw new InvalidOperationException("Advance called without an outstanding Ready");
        var log = _raft.Log;
        if (ready.Entries.Count > 0)
        {
            log.StableTo(ready.Entries[^1].Index, ready.Entries[^1].Term);
        }

        if (ready.Snapshot is not null)
        {
            log.StableSnapshotTo(ready.Snapshot.Index);
        }

        if (ready.CommittedEntries.Count > 0)
        {
            log.AppliedTo(ready.CommittedEntries[^1].Index);
        }

        _outstanding = null;
        var steps = _stepsOnAdvance;
        _stepsOnAdvance = [];
        foreach (var m in steps)
        {
            _raft.Step(m);
        }

        _raft.CheckInvariants();
    }

    /// <summary>A snapshot of this node's state.</summary>
    public RaftStatus Status()
    {
        var log = _raft.Log;
        return new RaftStatus
        {
            Id = Id,
            Role = _raft.Role,
            Term = _raft.Term,
            Vote = _raft.Vote,
            Leader = _raft.Lead,
            Commit = log.Committed,
            Applied = log.Applied,
            FirstIndex = log.FirstIndex,
            LastIndex = log.LastIndex,
            ConfState = _raft.Tracker.ConfState,
            LeadTransferee = _raft.LeadTransferee,
            Progress = _raft.Role == RaftRole.Leader
                ? _raft.Tracker.Progress.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value.ToStatus())
                : new Dictionary<ulong, ProgressStatus>(),
        };
    }

    private SoftState CurrentSoftState() => new(_raft.Lead, _raft.Role);

    /// <summary>The hard state as it must be persisted; the forget-vote bug leaves the vote out.</summary>
    private HardState HardStateToPersist() =>
        new(_raft.Term, _options.UnsafeBugs.HasFlag(UnsafeBug.ForgetVote) ? 0 : _raft.Vote, _raft.Log.Committed);
}
