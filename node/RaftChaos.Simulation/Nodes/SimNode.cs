using RaftChaos.Raft;
using RaftChaos.Raft.Messages;
using RaftChaos.Simulation.Checks;
using RaftChaos.Simulation.Clients;
using RaftChaos.Simulation.Events;
using RaftChaos.Simulation.Network;
using RaftChaos.Simulation.Storage;

namespace RaftChaos.Simulation.Nodes;

/// <summary>
/// One simulated server: the real Raft core, its <see cref="DurableStore"/>, a <see cref="KvStateMachine"/>, and the
/// client requests it is serving. It runs the drive loop of the core's README after every input (tick, message,
/// request), instantly in simulated time: send, persist, sync if asked, send what waited for persistence, apply,
/// advance. Every <c>snapshotInterval</c> applied entries it snapshots its state machine, saves the snapshot and compacts
/// the core and the store. A crash drops everything volatile; a restart rebuilds the core and the state machine from what
/// the store kept: the snapshot, then the entries after it.
/// </summary>
public sealed class SimNode
{
    private readonly EventQueue _queue;
    private readonly SimNetwork _network;
    private readonly SafetyMonitor _monitor;
    private readonly Func<Random, bool, RaftOptions> _options;
    private readonly NodeHooks _hooks;
    private readonly Random _random;
    private readonly long _tickInterval;
    private readonly ulong _snapshotInterval;
    private readonly Dictionary<ulong, (ulong Term, ClientRequest Request)> _pendingWrites = [];
    private readonly Dictionary<ulong, ClientRequest> _pendingReads = [];
    private readonly List<(ulong Index, ClientRequest Request)> _readsAwaitingApply = [];
    private KvStateMachine _state = new();
    private RaftNode? _raft;
    private ulong _applied;
    // Bumped by every crash, so ticks scheduled by an earlier life of the node are ignored.
    private int _incarnation;
    // False once the store was wiped: the node then boots as a new, empty member (no initial voters) and waits to be added.
    private bool _founder = true;

    /// <summary>Creates a node; call <see cref="Start"/> to boot it.</summary>
    /// <param name="id">Node id (1-based).</param>
    /// <param name="queue">The simulation's clock.</param>
    /// <param name="network">Where outgoing messages go.</param>
    /// <param name="monitor">Told of leaders and applied entries.</param>
    /// <param name="options">Core options for one life of the node, given that life's random source and whether it founds the cluster.</param>
    /// <param name="hooks">Where client answers, granted votes and won elections are reported.</param>
    /// <param name="random">This node's own random source (tick phase, seeds of each life's core).</param>
    /// <param name="tickInterval">Nanoseconds between ticks at clock rate 1.</param>
    /// <param name="snapshotInterval">Applied entries between two snapshots of the state machine.</param>
    public SimNode(ulong id, EventQueue queue, SimNetwork network, SafetyMonitor monitor, Func<Random, bool, RaftOptions> options,
        NodeHooks hooks, Random random, long tickInterval, ulong snapshotInterval)
    {
        ArgumentOutOfRangeException.ThrowIfZero(snapshotInterval);
        _snapshotInterval = snapshotInterval;
        Id = id;
        _queue = queue;
        _network = network;
        _monitor = monitor;
        _options = options;
        _hooks = hooks;
        _random = random;
        _tickInterval = tickInterval;
    }

    /// <summary>This node's id.</summary>
    public ulong Id { get; }

    /// <summary>The node's disk.</summary>
    public DurableStore Store { get; private set; } = new();

    /// <summary>False while crashed.</summary>
    public bool IsUp => _raft is not null;

    /// <summary>How fast this node's clock runs (1 = true time; 2 = ticks twice as often). Takes effect from the next tick.</summary>
    public double ClockRate { get; set; } = 1.0;

    /// <summary>Snapshots this node took of its own state machine (each followed by a compaction).</summary>
    public int SnapshotsTaken { get; private set; }

    /// <summary>Snapshots this node received from a leader and installed.</summary>
    public int SnapshotsInstalled { get; private set; }

    /// <summary>Restarts that restored the state machine from a snapshot.</summary>
    public int RestartsFromSnapshot { get; private set; }

    /// <summary>The core's role, or null while crashed.</summary>
    public RaftRole? Role => _raft?.Role;

    /// <summary>The voters as this node knows them, or null while crashed.</summary>
    public RaftChaos.Raft.Membership.ConfState? ConfState => _raft?.ConfState;

    /// <summary>The core's term (0 while crashed).</summary>
    public ulong Term => _raft?.Term ?? 0;

    /// <summary>Boots the node from its store (empty at first: the core then bootstraps the cluster).</summary>
    public void Start()
    {
        if (IsUp)
        {
            return;
        }

        var recovered = Store.IsEmpty ? RecoveredState.Empty : Store.Recover();
        _raft = new RaftNode(_options(new Random(_random.Next()), _founder), recovered);
        if (recovered.Snapshot is { } snapshot)
        {
            _state = KvStateMachine.Decode(snapshot.Data.Span);
            RestartsFromSnapshot++;
        }
        else
        {
            _state = new KvStateMachine();
        }

        _applied = recovered.Applied;
        var incarnation = _incarnation;
        // A random phase, so the nodes' ticks do not line up.
        _queue.After((long)(_random.NextDouble() * _tickInterval), () => OnTick(incarnation));
        Drain();
    }

    /// <summary>Power loss: the core, the state machine, pending requests and unsynced writes are gone.</summary>
    public void Crash()
    {
        if (!IsUp)
        {
            return;
        }

        _raft = null;
        _incarnation++;
        Store.Crash();
        _pendingWrites.Clear();
        _pendingReads.Clear();
        _readsAwaitingApply.Clear();
        _hooks.Crashed?.Invoke(Id);
    }

    /// <summary>Reports the core acted on: this node followed the crashed peer and shortened its election timer.</summary>
    public int LeaderLossReports { get; private set; }

    /// <summary>The connection from <paramref name="peer"/> closed (it crashed), as the node's transport reports it.</summary>
    public void ConnectionLost(ulong peer)
    {
        if (_raft is null)
        {
            return;
        }

        if (_raft.ReportConnectionLost(peer))
        {
            LeaderLossReports++;
        }
        Drain();
    }

    /// <summary>A disk replacement: crashes the node and gives it an empty store; it restarts as a new member.</summary>
    public void Wipe()
    {
        Crash();
        Store = new DurableStore();
        _founder = false;
    }

    /// <summary>Proposes a single-server membership change (null while crashed).</summary>
    public ProposeResult? ProposeMembershipChange(RaftChaos.Raft.Membership.MembershipChange change)
    {
        if (_raft is null)
        {
            return null;
        }

        var result = _raft.ProposeMembershipChange(change);
        Drain();
        return result;
    }

    /// <summary>A message arrived from the network.</summary>
    public void Receive(Message message)
    {
        if (_raft is null)
        {
            return;
        }

        _raft.Step(message);
        Drain();
    }

    /// <summary>Asks the core to hand leadership to <paramref name="transferee"/> (ignored while crashed).</summary>
    public void TransferLeadership(ulong transferee)
    {
        if (_raft is null)
        {
            return;
        }

        _raft.TransferLeadership(transferee);
        Drain();
    }

    /// <summary>A client request arrived. Lost silently while crashed: the client times out.</summary>
    public void Handle(ClientRequest request)
    {
        if (_raft is null)
        {
            return;
        }

        if (request.Kind == OpKind.Read)
        {
            var read = _raft.ReadIndex(request.RequestId);
            if (read.Accepted)
            {
                _pendingReads[request.RequestId] = request;
            }
            else
            {
                _hooks.Reply(new ClientReply(request.RequestId, ReplyKind.Refused, null, read.LeaderHint));
            }
        }
        else
        {
            var command = new KvCommand(request.RequestId, request.Kind, request.Key, request.Value, request.Expected);
            var proposal = _raft.Propose(command.Encode());
            // A newer proposal at the same index replaces an older one, which then just times out (info): an entry this
            // node overwrote may still be committed by another leader (Figure 8), so "lost" would be a guess.
            if (proposal.Accepted)
            {
                _pendingWrites[proposal.Index] = (proposal.Term, request);
            }
            else
            {
                _hooks.Reply(new ClientReply(request.RequestId, ReplyKind.Refused, null, proposal.LeaderHint));
            }
        }
        Drain();
    }

    private void OnTick(int incarnation)
    {
        if (_raft is null || incarnation != _incarnation)
        {
            return;
        }

        _raft.Tick();
        Drain();
        _queue.After(Math.Max(1, (long)(_tickInterval / ClockRate)), () => OnTick(incarnation));
    }

    private void Drain()
    {
        var raft = _raft!;
        while (raft.HasReady)
        {
            var ready = raft.Ready();
            _network.Send(ready.Messages);
            if (ready.Snapshot is not null)
            {
                Store.InstallSnapshot(ready.Snapshot);
            }

            Store.Append(ready.Entries);
            if (ready.HardState is { } hardState)
            {
                Store.SetHardState(hardState);
            }

            if (ready.MustSync)
            {
                Store.Sync();
            }

            var becameLeader = ready.SoftState is { Role: RaftRole.Leader };
            if (becameLeader)
            {
                _monitor.OnLeader(Id, raft.Term, Store, _queue.Now);
            }

            _network.Send(ready.MessagesAfterPersist);
            if (becameLeader)
            {
                _hooks.BecameLeader(Id);
            }

            foreach (var message in ready.MessagesAfterPersist)
            {
                if (message.Type == MessageType.VoteResponse && !message.Reject)
                {
                    _hooks.VoteGranted(Id);
                }
            }

            if (ready.Snapshot is not null)
            {
                Install(ready.Snapshot);
            }

            foreach (var entry in ready.CommittedEntries)
            {
                Apply(entry);
            }

            foreach (var readState in ready.ReadStates)
            {
                if (!_pendingReads.Remove(readState.Context, out var request))
                {
                    continue;
                }

                if (readState.Index <= _applied)
                {
                    ServeRead(request);
                }
                else
                {
                    _readsAwaitingApply.Add((readState.Index, request));
                }
            }
            raft.Advance();
            ServeAppliedReads();
            MaybeCompact(raft);
        }
    }

    private void Install(Snapshot snapshot)
    {
        _monitor.OnSnapshot(Id, snapshot, installed: true, _queue.Now);
        _state = KvStateMachine.Decode(snapshot.Data.Span);
        _applied = snapshot.Index;
        SnapshotsInstalled++;
        // Writes proposed here and covered by the snapshot: whether they made it is unknown here, so their clients time out (info).
        foreach (var index in _pendingWrites.Keys.Where(i => i <= snapshot.Index).ToList())
        {
            _pendingWrites.Remove(index);
        }
    }

    // After Advance, so the core knows the entries are applied. Taking the snapshot, saving it and compacting happen in one
    // simulated instant, so no crash can fall between them; the store saves it atomically.
    private void MaybeCompact(RaftNode raft)
    {
        var last = Store.Snapshot?.Index ?? 0;
        if (_applied < last + _snapshotInterval || !raft.Compact(_applied, _state.Encode()))
        {
            return;
        }

        var snapshot = raft.Snapshot!;
        _monitor.OnSnapshot(Id, snapshot, installed: false, _queue.Now);
        Store.SaveSnapshot(snapshot);
        SnapshotsTaken++;
    }

    private void Apply(Entry entry)
    {
        _monitor.OnApplied(Id, entry, _queue.Now);
        _applied = entry.Index;
        var took = _state.Apply(entry);
        if (!_pendingWrites.Remove(entry.Index, out var pending))
        {
            return;
        }

        var kind = pending.Term != entry.Term ? ReplyKind.Lost : took ? ReplyKind.Ok : ReplyKind.CasFailed;
        _hooks.Reply(new ClientReply(pending.Request.RequestId, kind, null, 0));
    }

    private void ServeAppliedReads()
    {
        if (_readsAwaitingApply.Count == 0)
        {
            return;
        }

        for (var i = 0; i < _readsAwaitingApply.Count; i++)
        {
            var (index, request) = _readsAwaitingApply[i];
            if (index > _applied)
            {
                continue;
            }

            ServeRead(request);
            _readsAwaitingApply.RemoveAt(i--);
        }
    }

    private void ServeRead(ClientRequest request) =>
        _hooks.Reply(new ClientReply(request.RequestId, ReplyKind.Ok, _state.Read(request.Key), 0));
}
