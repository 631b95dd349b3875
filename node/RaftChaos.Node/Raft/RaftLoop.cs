using System.Diagnostics;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RaftChaos.Node.Failpoints;
using RaftChaos.Node.Hosting;
using RaftChaos.Node.StateMachine;
using RaftChaos.Node.Storage;
using RaftChaos.Node.Transport;
using RaftChaos.Raft;
using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;
using RaftChaos.Storage;

namespace RaftChaos.Node.Raft;

/// <summary>
/// The one loop that owns the Raft core, the state machine and the storage. Everything reaches it through a
/// channel (ticks, peer messages, proposals, reads, status requests), so none of them needs a lock. One turn:
/// drain the inbox, then for each Ready: send → persist (one fsync for the whole batch: group commit) →
/// send what had to wait for persistence → apply → answer reads → Advance.
/// </summary>
internal sealed partial class RaftLoop : BackgroundService
{
    /// <summary>Most inbox items handled before the next Ready: bounds latency when the inbox never empties.</summary>
    private const int MaxInputsPerTurn = 4096;

    private readonly NodeOptions _options;
    private readonly PeerTransport _transport;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly NodeIds _ids;
    private readonly Channel<LoopInput> _inbox = Channel.CreateUnbounded<LoopInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly KvStateMachine _stateMachine = new();
    private readonly PendingProposals _proposals = new();
    private readonly PendingReads _reads = new();
    /// <summary>The armed crash failpoint; null when off or when this process cannot SIGKILL itself.</summary>
    private CrashFailpoint? _failpoint;
    private RaftNode? _core;
    private NodeStorage? _storage;
    private ulong _applied;
    private ulong _snapshotIndex;
    /// <summary>The configuration last logged as in force (ConfigInForce): its entry index and voters.</summary>
    private ulong _loggedConfIndex = ulong.MaxValue;
    private ConfState? _loggedConf;
    private RaftRole _role = RaftRole.Follower;
    private ulong _leader;
    private ulong _term;
    private int _tickQueued;
    /// <summary>This Ready took the leadership away: fail the leader's waiters once its committed entries are applied.</summary>
    private bool _leadershipLost;
    /// <summary>Ticks handled by the loop so far: the clock for read deadlines.</summary>
    private long _ticks;

    public RaftLoop(NodeOptions options, PeerTransport transport, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<RaftLoop> logger)
    {
        _options = options;
        _transport = transport;
        _time = time;
        _lifetime = lifetime;
        _logger = logger;
        _ids = new NodeIds(options);
        _failpoint = options.Failpoint is { } spec ? new CrashFailpoint(spec, options.FailpointSeed, options.FailpointFile) : null;
    }

    /// <summary>Proposes a client command; completes when it is applied, refused, or its fate became unknown.</summary>
    public Task<RequestOutcome> ProposeAsync(Command command, CancellationToken cancellationToken) =>
        Enqueue(new LoopInput(LoopInputKind.Propose, Command: command, Completion: NewCompletion()), cancellationToken);

    /// <summary>Reads a key: through ReadIndex when <paramref name="linearizable"/>, else from local state.</summary>
    public Task<RequestOutcome> ReadAsync(string key, bool linearizable, CancellationToken cancellationToken) =>
        Enqueue(new LoopInput(LoopInputKind.Read, Key: key, Linearizable: linearizable, Completion: NewCompletion()), cancellationToken);

    /// <summary>
    /// Proposes a single-server membership change (this node must lead); completes when its entry is applied (Done),
    /// refused before proposing (NotLeader, Failed with the reason), or its fate became unknown (Unavailable).
    /// </summary>
    public Task<RequestOutcome> ChangeMembershipAsync(MembershipChange change, CancellationToken cancellationToken) =>
        Enqueue(new LoopInput(LoopInputKind.ChangeMembership, Change: change, Completion: NewCompletion()), cancellationToken);

    /// <summary>The string id of a core id (see <see cref="NodeIds"/>).</summary>
    public string NameOf(ulong id) => _ids.NameOf(id);

    /// <summary>The node's Raft status as the loop sees it between two turns.</summary>
    public async Task<NodeStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<NodeStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(new LoopInput(LoopInputKind.Status, StatusCompletion: completion)))
        {
            return NodeStatus.Starting with { Role = "stopped" };
        }
        return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands a peer's message to the loop (never blocks; the inbox is unbounded, peers' queues are not).</summary>
    public void Deliver(Message message) => _inbox.Writer.TryWrite(new LoopInput(LoopInputKind.Message, Message: message));

    /// <summary>
    /// Tells the loop that the stream from <paramref name="peer"/> ended or broke; a follower whose leader that is campaigns
    /// soon instead of after a whole election timeout (<see cref="RaftNode.ReportConnectionLost"/>).
    /// </summary>
    public void ReportConnectionLost(string peer)
    {
        var id = IdOf(peer);
        if (id != 0)
        {
            _inbox.Writer.TryWrite(new LoopInput(LoopInputKind.ConnectionLost, Peer: id));
        }
    }

    /// <summary>The numeric id the core uses for <paramref name="name"/> (0 when not a member).</summary>
    public ulong IdOf(string name) => _ids.IdOf(name);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start-up path at once: recovery may read a large log.
        await Task.Yield();
        try
        {
            await StartCoreAsync(stoppingToken).ConfigureAwait(false);
            var ticker = TickAsync(stoppingToken);
            await RunAsync(stoppingToken).ConfigureAwait(false);
            await ticker.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.Stopping(_logger);
        }
        catch (SyncFailedException e)
        {
            // The fsyncgate lesson (PostgreSQL, etcd): after a failed fsync the kernel may have dropped the pages and
            // marked them clean, so a retry proves nothing. Stop; a restart recovers from what the disk really holds.
            Log.SyncFailed(_logger, e.File, e.Offset, e.FrameBytes, e.Message);
            Crash();
        }
        catch (StorageCorruptException e)
        {
            Log.StorageCorrupt(_logger, e.File, e.Offset, e.Message);
            Crash();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A broken invariant in the core or an I/O failure: stop the process rather than limp on.
            Log.LoopFailed(_logger, e);
            Crash();
        }
        finally
        {
            _inbox.Writer.TryComplete();
            var reason = "the node is stopping; the outcome is unknown";
            _proposals.FailAll(reason);
            _reads.FailAll(reason);
            while (_inbox.Reader.TryRead(out var input))
            {
                // Still in the inbox: the loop never handled it, so nothing was proposed or read.
                input.Completion?.TrySetResult(RequestOutcome.Failed("the node stopped before handling the request; it was never proposed"));
                input.StatusCompletion?.TrySetCanceled(CancellationToken.None);
            }
            if (_storage is not null)
            {
                await _storage.DisposeAsync().ConfigureAwait(false);
                Log.Stopped(_logger, _term, _applied);
            }
        }
    }

    private void Crash()
    {
        Environment.ExitCode = 1;
        _lifetime.StopApplication();
    }

    private static TaskCompletionSource<RequestOutcome> NewCompletion() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<RequestOutcome> Enqueue(LoopInput input, CancellationToken cancellationToken)
    {
        if (!_inbox.Writer.TryWrite(input))
        {
            return RequestOutcome.NotLeader(""); // stopped: nothing was proposed
        }
        return await input.Completion!.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        Log.Starting(_logger, _options.Listen.ToString(), _options.Advertise.ToString(),
            string.Join(",", _options.Peers.Select(p => $"{p.Id}={p.Address}")), Path.GetFullPath(_options.DataDir),
            _options.TickMs, _options.ElectionTicks, _options.HeartbeatTicks,
            _options.Unsafe.Count == 0 ? "none" : string.Join(",", _options.Unsafe), _options.MaxValueBytes, _options.SnapshotEntries);
        foreach (var name in _options.Unsafe)
        {
            Log.UnsafeOn(_logger, name);
        }
        if (_failpoint is not null)
        {
            Log.FailpointArmed(_logger, _failpoint.ToString(), _options.FailpointSeed);
            if (!CrashFailpoint.CanCrashItself)
            {
                // Left armed, crash-before-first-append would drop a Ready's messages and carry on without dying.
                Log.FailpointIneffective(_logger, _failpoint.Name);
                _failpoint = null;
            }
        }
        var clock = Stopwatch.StartNew();
        var diskFaults = _options.DiskFaultFile is { } faultFile ? new DiskFaultFile(faultFile, _logger) : null;
        var (storage, recovered, snapshotIndex) = await NodeStorage.OpenAsync(_options.DataDir, _options.MaxValueBytes,
            diskFaults is null ? null : diskFaults.Current, _options.IsUnsafe("continue-after-fsync-error"), ct).ConfigureAwait(false);
        _storage = storage;
        var report = storage.Recovery;
        if (report.TornTail is { } torn)
        {
            Log.TornTailCut(_logger, torn.File, torn.Offset, torn.BytesDropped, torn.Reason);
        }
        if (report.RemovedFiles.Count > 0)
        {
            Log.RemovedFiles(_logger, string.Join(",", report.RemovedFiles));
        }
        if (recovered.Snapshot is { } snapshot)
        {
            _stateMachine.Restore(snapshot.Data.Span);
        }
        _applied = _snapshotIndex = snapshotIndex;
        _core = new RaftNode(new RaftOptions
        {
            Id = _ids.Self,
            InitialVoters = _ids.All,
            ElectionTick = _options.ElectionTicks,
            HeartbeatTick = _options.HeartbeatTicks,
            PreVote = true,
            CheckQuorum = true,
            // A lone client's write then costs one append and one answer per follower instead of two: on the compose
            // cluster followers spent 22% less CPU per write and one-client writes ran 7% faster (4 of 4 pairs).
            LazyCommitBroadcast = true,
            Random = new Random(),
            UnsafeBugs = UnsafeBugNames.Parse(string.Join(",", _options.Unsafe)),
        }, recovered);
        _term = recovered.HardState.Term;
        if (_ids.All.Count == 1)
        {
            // Alone in the cluster: no one to wait for, so no reason to sit out an election timeout.
            _core.Campaign();
        }
        Log.Recovered(_logger, recovered.HardState.Term, recovered.HardState.Vote, recovered.HardState.Commit, snapshotIndex,
            report.LastIndex, recovered.Entries.Count, report.SegmentsRead, report.CreatedNew, clock.ElapsedMilliseconds);
    }

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.TickMs), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                // At most one tick waits in the inbox: after a stall (GC, SIGSTOP, a slow fsync) the core must
                // not see a burst of ticks and time out elections that were never really starved.
                if (Interlocked.Exchange(ref _tickQueued, 1) == 0 && !_inbox.Writer.TryWrite(new LoopInput(LoopInputKind.Tick)))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var core = _core!;
        while (await _inbox.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            // Everything queued goes into one Ready, so one fsync covers it all.
            for (var n = 0; n < MaxInputsPerTurn && _inbox.Reader.TryRead(out var input); n++)
            {
                Handle(core, input);
                LogConfigInForce(core);
            }
            // Reads refused earlier because this leader had not yet committed in its term: try them again
            // (once per turn; ticks guarantee turns, so this never spins).
            if (_reads.HasDeferred)
            {
                foreach (var (key, completion) in _reads.TakeDeferred())
                {
                    IssueRead(core, key, completion);
                }
            }
            while (core.HasReady)
            {
                await HandleReadyAsync(core, core.Ready(), ct).ConfigureAwait(false);
                LogConfigInForce(core);
            }
            await MaybeSnapshotAsync(core, ct).ConfigureAwait(false);
        }
    }
}
