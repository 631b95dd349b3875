using RaftChaos.Simulation.Events;
using RaftChaos.Simulation.Nodes;

namespace RaftChaos.Simulation.Clients;

/// <summary>
/// The simulated clients: <see cref="WorkloadOptions.Workers"/> workers issuing read/write/cas on a few registers
/// against the nodes, through a client link with its own small delay that partitions do not cut. Hands each
/// request to its node and each reply back to the worker that is waiting for it.
/// </summary>
public sealed class Workload
{
    private readonly IReadOnlyList<SimNode> _nodes;
    private readonly Random _random;
    private readonly Dictionary<ulong, ClientWorker> _waiting = [];
    private readonly List<ClientWorker> _workers = [];
    private ulong _requestId;
    private long _value;
    private int _process;

    /// <summary>Creates the workers (not started).</summary>
    public Workload(WorkloadOptions options, EventQueue queue, HistoryRecorder recorder, IReadOnlyList<SimNode> nodes, Random random)
    {
        Options = options;
        Queue = queue;
        Recorder = recorder;
        _nodes = nodes;
        _random = random;
        for (var i = 0; i < options.Workers; i++)
        {
            _workers.Add(new ClientWorker(this, new Random(random.Next()), NextProcess(), (ulong)(i % nodes.Count) + 1));
        }
    }

    /// <summary>The options.</summary>
    public WorkloadOptions Options { get; }

    /// <summary>The clock.</summary>
    public EventQueue Queue { get; }

    /// <summary>Where operations are recorded.</summary>
    public HistoryRecorder Recorder { get; }

    /// <summary>No operation starts at or after this time (ns).</summary>
    public long StopAt { get; set; } = long.MaxValue;

    /// <summary>From this time on (ns), workers only read: the final reads that show lost writes.</summary>
    public long ReadOnlyAfter { get; set; } = long.MaxValue;

    /// <summary>Nodes in the cluster (ids 1..NodeCount).</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>Starts every worker.</summary>
    public void Start()
    {
        foreach (var worker in _workers)
        {
            worker.ScheduleNext();
        }
    }

    /// <summary>A node answered: carry the reply back over the client link.</summary>
    public void Reply(ClientReply reply)
    {
        if (!_waiting.Remove(reply.RequestId, out var worker))
        {
            return;
        }

        Queue.After(LinkDelay(), () => worker.OnReply(reply));
    }

    internal void Submit(ulong node, ClientRequest request, ClientWorker worker)
    {
        _waiting[request.RequestId] = worker;
        Queue.After(LinkDelay(), () => _nodes[(int)node - 1].Handle(request));
    }

    internal ulong NextRequestId() => ++_requestId;

    internal long NextValue() => ++_value;

    internal int NextProcess() => _process++;

    private long LinkDelay() => Options.MinLinkDelay + (long)(_random.NextDouble() * (Options.MaxLinkDelay - Options.MinLinkDelay));
}
