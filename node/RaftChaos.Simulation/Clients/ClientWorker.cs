using RaftChaos.Checker.History;

namespace RaftChaos.Simulation.Clients;

/// <summary>
/// One client worker: issues an operation, waits for its reply or its timeout, thinks, repeats. It acts as one logical
/// process at a time; when an operation's outcome is unknown (a write or cas that timed out) it records <c>info</c> and
/// continues as a fresh process, as Jepsen does. A timed-out read had no effect and is recorded <c>fail</c>.
/// </summary>
internal sealed class ClientWorker
{
    private readonly Workload _workload;
    private readonly Random _random;
    private readonly Dictionary<string, long> _lastSeen = new(StringComparer.Ordinal);
    private int _process;
    private ulong _node;
    private ClientRequest? _inFlight;

    public ClientWorker(Workload workload, Random random, int process, ulong node)
    {
        _workload = workload;
        _random = random;
        _process = process;
        _node = node;
    }

    /// <summary>Schedules the next operation after a think time.</summary>
    public void ScheduleNext() =>
        _workload.Queue.After((long)(_random.NextDouble() * _workload.Options.MaxThinkTime), Issue);

    private void Issue()
    {
        var now = _workload.Queue.Now;
        if (now >= _workload.StopAt)
        {
            return;
        }

        var options = _workload.Options;
        var key = $"k{_random.Next(options.Keys)}";
        var roll = _random.NextDouble();
        var kind = now >= _workload.ReadOnlyAfter || roll < options.ReadFraction ? OpKind.Read
            : roll < options.ReadFraction + (1 - options.ReadFraction) * 2 / 3 ? OpKind.Write
            : OpKind.Cas;
        var value = kind == OpKind.Read ? 0 : _workload.NextValue();
        // A cas expects what this worker last saw, so some succeed; with nothing seen, a guess.
        var expected = kind != OpKind.Cas ? 0 : _lastSeen.TryGetValue(key, out var seen) ? seen : _random.Next(1, (int)Math.Max(2, value));
        if (_random.NextDouble() < options.RandomNodeProbability)
        {
            _node = (ulong)_random.Next(1, _workload.NodeCount + 1);
        }

        var request = new ClientRequest(_workload.NextRequestId(), kind, key, value, expected);
        _inFlight = request;
        var invokeValue = kind switch
        {
            OpKind.Read => HistoryValue.Null,
            OpKind.Write => HistoryValue.Of(value),
            _ => HistoryValue.ListOf(HistoryValue.Of(expected), HistoryValue.Of(value)),
        };
        _workload.Recorder.Client(_process, HistoryEventType.Invoke, Function(kind), key, invokeValue);
        _workload.Submit(_node, request, this);
        _workload.Queue.After(options.OperationTimeout, () => TimedOut(request));
    }

    /// <summary>A reply reached this worker (late replies, after a timeout, are ignored).</summary>
    public void OnReply(ClientReply reply)
    {
        if (_inFlight is not { } request || request.RequestId != reply.RequestId)
        {
            return;
        }

        _inFlight = null;
        var f = Function(request.Kind);
        switch (reply.Kind)
        {
            case ReplyKind.Ok when request.Kind == OpKind.Read:
                _workload.Recorder.Client(_process, HistoryEventType.Ok, f, request.Key,
                    reply.Value is { } v ? HistoryValue.Of(v) : HistoryValue.Null);
                if (reply.Value is { } read)
                {
                    _lastSeen[request.Key] = read;
                }

                break;
            case ReplyKind.Ok:
                _workload.Recorder.Client(_process, HistoryEventType.Ok, f, request.Key, InvokeValue(request));
                _lastSeen[request.Key] = request.Value;
                break;
            default:
                _workload.Recorder.Client(_process, HistoryEventType.Fail, f, request.Key, InvokeValue(request));
                // A refusal names the leader when the node knows one: go there next.
                if (reply.Kind == ReplyKind.Refused)
                {
                    _node = reply.LeaderHint != 0 ? reply.LeaderHint : (ulong)_random.Next(1, _workload.NodeCount + 1);
                }

                break;
        }
        ScheduleNext();
    }

    private void TimedOut(ClientRequest request)
    {
        if (_inFlight?.RequestId != request.RequestId)
        {
            return;
        }

        _inFlight = null;
        var f = Function(request.Kind);
        if (request.Kind == OpKind.Read)
        {
            _workload.Recorder.Client(_process, HistoryEventType.Fail, f, request.Key, HistoryValue.Null);
        }
        else
        {
            _workload.Recorder.Client(_process, HistoryEventType.Info, f, request.Key, InvokeValue(request));
            _process = _workload.NextProcess();
        }
        _node = (ulong)_random.Next(1, _workload.NodeCount + 1);
        ScheduleNext();
    }

    private static string Function(OpKind kind) => kind switch
    {
        OpKind.Read => "read",
        OpKind.Write => "write",
        _ => "cas",
    };

    private static HistoryValue InvokeValue(ClientRequest request) => request.Kind switch
    {
        OpKind.Read => HistoryValue.Null,
        OpKind.Write => HistoryValue.Of(request.Value),
        _ => HistoryValue.ListOf(HistoryValue.Of(request.Expected), HistoryValue.Of(request.Value)),
    };
}
