using RaftChaos.Raft;
using RaftChaos.Raft.Messages;
using RaftChaos.Raft.ReadOnly;

namespace RaftChaos.Raft.Tests.Network;

/// <summary>
/// An in-memory cluster for unit and scenario tests (etcd's raft_test.go network): nodes, their storage, and the
/// messages in flight. Links can be cut (partition, isolate) and messages dropped by type; nothing is random
/// unless a drop rate is set. Every node is driven exactly as the README says: Ready → persist → send → apply → Advance.
/// </summary>
public sealed class TestNetwork
{
    private readonly HashSet<(ulong From, ulong To)> _cut = [];
    private readonly HashSet<MessageType> _droppedTypes = [];
    private readonly Random _random;

    public TestNetwork(int seed = 1) => _random = new Random(seed);

    public SortedDictionary<ulong, RaftNode> Nodes { get; } = [];
    public Dictionary<ulong, MemoryStorage> Storage { get; } = [];
    public Dictionary<ulong, RaftOptions> Options { get; } = [];
    /// <summary>Messages sent and not yet delivered, in send order.</summary>
    public List<Message> InFlight { get; } = [];
    /// <summary>Read states produced, per node.</summary>
    public Dictionary<ulong, List<ReadState>> ReadStates { get; } = [];
    /// <summary>Called with every Ready taken, before it is handled.</summary>
    public Action<ulong, Ready>? OnReady { get; set; }
    /// <summary>Whether <see cref="Readies"/> records every Ready (off for long randomized runs).</summary>
    public bool KeepReadies { get; set; } = true;
    /// <summary>Every Ready taken, per node (for assertions on what a Ready contained).</summary>
    public Dictionary<ulong, List<Ready>> Readies { get; } = [];
    /// <summary>Whether <see cref="Delivered"/> records messages (off for long runs).</summary>
    public bool KeepDelivered { get; set; } = true;
    /// <summary>Every message delivered, in order.</summary>
    public List<Message> Delivered { get; } = [];
    /// <summary>Optional trace of delivered and dropped messages.</summary>
    public Action<string>? Trace { get; set; }
    /// <summary>Probability in [0,1) of dropping any message.</summary>
    public double DropRate { get; set; }

    /// <summary>A cluster of <paramref name="count"/> founding voters 1..count.</summary>
    public static TestNetwork Create(int count, Func<RaftOptions, RaftOptions>? configure = null, int seed = 1)
    {
        var net = new TestNetwork(seed);
        var voters = Enumerable.Range(1, count).Select(i => (ulong)i).ToList();
        foreach (var id in voters) net.AddNode(id, voters, configure);
        net.Stabilize();
        return net;
    }

    public static RaftOptions DefaultOptions(ulong id, IReadOnlyList<ulong> voters) => new()
    {
        Id = id, InitialVoters = voters, ElectionTick = 10, HeartbeatTick = 1, Random = new Random((int)id * 7919),
    };

    /// <summary>Adds a node; founders pass the founding voters, a node joining later passes none.</summary>
    public RaftNode AddNode(ulong id, IReadOnlyList<ulong> initialVoters, Func<RaftOptions, RaftOptions>? configure = null)
    {
        var options = DefaultOptions(id, initialVoters);
        if (configure is not null) options = configure(options);
        Options[id] = options;
        Storage[id] = new MemoryStorage();
        ReadStates[id] = [];
        Readies[id] = [];
        var node = new RaftNode(options, RecoveredState.Empty);
        Nodes[id] = node;
        return node;
    }

    public RaftNode this[ulong id] => Nodes[id];

    /// <summary>Crash and restart: a new node from what its storage holds; in-flight messages to it are lost.</summary>
    public RaftNode Restart(ulong id, bool loseUnsyncedWrites = false)
    {
        InFlight.RemoveAll(m => m.To == id);
        var storage = Storage[id];
        if (loseUnsyncedWrites) storage.LoseUnsyncedWrites();
        storage.RestartStateMachine();
        var old = Options[id];
        var options = new RaftOptions
        {
            Id = old.Id, InitialVoters = old.InitialVoters, ElectionTick = old.ElectionTick, HeartbeatTick = old.HeartbeatTick,
            PreVote = old.PreVote, CheckQuorum = old.CheckQuorum, MaxInflightMessages = old.MaxInflightMessages,
            MaxInflightBytes = old.MaxInflightBytes, MaxSizePerMessage = old.MaxSizePerMessage, UnsafeBugs = old.UnsafeBugs,
            Random = new Random((int)id * 104729),
        };
        var node = new RaftNode(options, storage.Recovered());
        Nodes[id] = node;
        return node;
    }

    /// <summary>Handles every pending Ready of one node: persist, queue messages, apply, Advance.</summary>
    public void Process(ulong id)
    {
        var node = Nodes[id];
        var storage = Storage[id];
        while (node.HasReady)
        {
            var rd = node.Ready();
            if (KeepReadies) Readies[id].Add(rd);
            OnReady?.Invoke(id, rd);
            InFlight.AddRange(rd.Messages);
            storage.Persist(rd);
            InFlight.AddRange(rd.MessagesAfterPersist);
            storage.Apply(rd);
            ReadStates[id].AddRange(rd.ReadStates);
            node.Advance();
        }
    }

    public void ProcessAll()
    {
        foreach (var id in Nodes.Keys.ToList()) Process(id);
    }

    /// <summary>Delivers (or drops) every message currently in flight, once; returns how many were delivered.</summary>
    public int DeliverRound()
    {
        var batch = InFlight.ToList();
        InFlight.Clear();
        var delivered = 0;
        foreach (var m in batch)
        {
            if (IsDropped(m))
            {
                Trace?.Invoke($"  drop {m}");
                continue;
            }
            Trace?.Invoke($"  {m}");
            if (KeepDelivered) Delivered.Add(m);
            Nodes[m.To].Step(m);
            delivered++;
        }
        return delivered;
    }

    /// <summary>Delivers one message unless a cut or drop rule stops it; returns whether it was delivered.</summary>
    public bool Deliver(Message m)
    {
        if (IsDropped(m)) return false;
        if (KeepDelivered) Delivered.Add(m);
        Nodes[m.To].Step(m);
        return true;
    }

    /// <summary>Processes Readies and delivers messages until nothing is left to do.</summary>
    public void Stabilize(int maxRounds = 10_000)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            ProcessAll();
            if (InFlight.Count == 0) return;
            DeliverRound();
        }
        throw new InvalidOperationException("network did not stabilize");
    }

    private bool IsDropped(Message m) =>
        !Nodes.ContainsKey(m.To) || _cut.Contains((m.From, m.To)) || _droppedTypes.Contains(m.Type)
        || (DropRate > 0 && _random.NextDouble() < DropRate);

    /// <summary>Ticks one node <paramref name="n"/> times, processing its Readies in between (messages stay in flight).</summary>
    public void Tick(ulong id, int n = 1)
    {
        for (var i = 0; i < n; i++)
        {
            Nodes[id].Tick();
            Process(id);
        }
    }

    /// <summary>Ticks every node once, <paramref name="n"/> times, delivering messages after each tick.</summary>
    public void TickAll(int n = 1)
    {
        for (var i = 0; i < n; i++)
        {
            foreach (var node in Nodes.Values) node.Tick();
            Stabilize();
        }
    }

    public void Campaign(ulong id)
    {
        Nodes[id].Campaign();
        Stabilize();
    }

    public ProposeResult Propose(ulong id, string data)
    {
        var result = Nodes[id].Propose(System.Text.Encoding.UTF8.GetBytes(data));
        Stabilize();
        return result;
    }

    /// <summary>Cuts both directions between a and b.</summary>
    public void Cut(ulong a, ulong b)
    {
        _cut.Add((a, b));
        _cut.Add((b, a));
    }

    /// <summary>Cuts <paramref name="id"/> from every other node.</summary>
    public void Isolate(ulong id)
    {
        foreach (var other in Nodes.Keys) if (other != id) Cut(id, other);
    }

    /// <summary>Cuts every link between different groups.</summary>
    public void Partition(params IReadOnlyList<ulong>[] groups)
    {
        for (var i = 0; i < groups.Length; i++)
            for (var j = 0; j < groups.Length; j++)
                if (i != j)
                    foreach (var a in groups[i]) foreach (var b in groups[j]) _cut.Add((a, b));
    }

    /// <summary>Drops every message of the given type until <see cref="Recover"/>.</summary>
    public void Ignore(MessageType type) => _droppedTypes.Add(type);

    /// <summary>Heals every cut and stops ignoring message types.</summary>
    public void Recover()
    {
        _cut.Clear();
        _droppedTypes.Clear();
        DropRate = 0;
    }

    /// <summary>Discards every message in flight.</summary>
    public void DropInFlight() => InFlight.Clear();

    /// <summary>The leader, if exactly one node believes itself leader in the highest term among leaders.</summary>
    public ulong Leader() => Nodes.Values.Where(n => n.Role == RaftRole.Leader).OrderByDescending(n => n.Term).Select(n => n.Id).FirstOrDefault();

    /// <summary>Ticks everybody until someone is elected leader (or throws).</summary>
    public ulong ElectLeader(int maxTicks = 200)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            var leader = Leader();
            if (leader != 0 && Nodes.Values.All(n => n.Role != RaftRole.Candidate && n.Role != RaftRole.PreCandidate)) return leader;
            TickAll();
        }
        throw new InvalidOperationException("no leader elected");
    }
}
