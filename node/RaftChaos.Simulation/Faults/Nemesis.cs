using System.Globalization;
using RaftChaos.Raft;
using RaftChaos.Simulation.Clients;
using RaftChaos.Simulation.Events;
using RaftChaos.Simulation.Network;
using RaftChaos.Simulation.Nodes;

namespace RaftChaos.Simulation.Faults;

/// <summary>
/// The fault injector of one run, driven by its <see cref="FaultProfile"/>. Two independent streams, so faults overlap:
/// the network stream plans partitions (every shape of <see cref="PartitionPlanner"/>) and heals them; the process stream
/// crashes and restarts nodes (one, the leader, or a majority at once), hands leadership over, and changes clock rates.
/// Plus one reactive fault: a node may crash right after granting a vote and restart at once. Every action lands in
/// the history as a nemesis event.
/// </summary>
public sealed partial class Nemesis
{
    private readonly FaultProfile _profile;
    private readonly EventQueue _queue;
    private readonly SimNetwork _network;
    private readonly IReadOnlyList<SimNode> _nodes;
    private readonly HistoryRecorder _recorder;
    private readonly Random _random;
    private readonly List<ulong> _ids;
    private bool _stopped;

    /// <summary>Creates the nemesis (call <see cref="Start"/>).</summary>
    public Nemesis(FaultProfile profile, EventQueue queue, SimNetwork network, IReadOnlyList<SimNode> nodes, HistoryRecorder recorder, Random random)
    {
        _profile = profile;
        _queue = queue;
        _network = network;
        _nodes = nodes;
        _recorder = recorder;
        _random = random;
        _ids = [.. nodes.Select(n => n.Id)];
    }

    /// <summary>Faults started.</summary>
    public int Faults { get; private set; }

    /// <summary>Sets the main-phase network and clocks, and starts both streams.</summary>
    public void Start()
    {
        _network.Conditions = _profile.Network;
        if (_profile.MaxDrift > 1)
        {
            SetClockRates();
        }

        if (_profile.PartitionWeight > 0)
        {
            ScheduleNetworkFault();
        }

        if (ProcessWeights().Sum(w => w.Weight) > 0)
        {
            ScheduleProcessFault();
        }
    }

    /// <summary>Ends the main phase: no new faults; heal the network, restart every crashed node, reset every clock.</summary>
    public void StopAndHeal()
    {
        _stopped = true;
        _network.Conditions = NetworkConditions.Calm;
        if (_network.Grudge != Grudge.None)
        {
            _network.Grudge = Grudge.None;
            _recorder.Nemesis("stop-partition", null);
        }
        var down = _nodes.Where(n => !n.IsUp).ToList();
        foreach (var node in down)
        {
            node.Start();
        }

        if (down.Count > 0)
        {
            _recorder.Nemesis("start", NodeList(down.Select(n => n.Id)));
        }

        if (_nodes.Any(n => n.ClockRate != 1.0))
        {
            foreach (var node in _nodes)
            {
                node.ClockRate = 1.0;
            }

            _recorder.Nemesis("reset-clock", null);
        }
    }

    /// <summary>Called by a node right after it durably granted a vote: maybe crash it now and restart it at once.</summary>
    public void OnVoteGranted(ulong id)
    {
        if (_stopped || _profile.CrashAfterVoteProbability <= 0 || _random.NextDouble() >= _profile.CrashAfterVoteProbability)
        {
            return;
        }

        var node = _nodes[(int)id - 1];
        _queue.After(0, () =>
        {
            if (_stopped || !node.IsUp)
            {
                return;
            }

            node.Crash();
            _recorder.Nemesis("kill", NodeList([id]));
            _queue.After((long)(_random.NextDouble() * 5_000_000), () =>
            {
                if (node.IsUp)
                {
                    return;
                }

                node.Start();
                _recorder.Nemesis("start", NodeList([id]));
            });
        });
    }

    /// <summary>
    /// Called by a node that just became leader: maybe cut it off, either at once (its no-op then stays on a minority)
    /// or a little later (while it is still catching followers up with old-term entries). Both are Figure 8's moves.
    /// </summary>
    public void OnBecameLeader(ulong id)
    {
        if (_stopped || _profile.IsolateNewLeaderProbability <= 0 || _random.NextDouble() >= _profile.IsolateNewLeaderProbability)
        {
            return;
        }

        var hold = Between(_profile.HoldMin, _profile.HoldMax);
        if (_random.Next(2) == 0)
        {
            // Same instant, before any of its messages arrive: delivery re-checks the grudge.
            Partition(PartitionPlanner.Isolate(id, _ids, "new-leader-alone"), hold, then: null);
            return;
        }
        var node = _nodes[(int)id - 1];
        var term = node.Term;
        _queue.After(Between(0, _profile.IsolateNewLeaderDelayMax), () =>
        {
            if (_stopped || node.Role != RaftRole.Leader || node.Term != term)
            {
                return;
            }

            Partition(PartitionPlanner.Isolate(id, _ids, "new-leader-alone"), hold, then: null);
        });
    }

    private void ScheduleNetworkFault() => _queue.After(Between(_profile.IntervalMin, _profile.IntervalMax), () =>
    {
        if (_stopped)
        {
            return;
        }

        Partition(PlanPartition(), Between(_profile.HoldMin, _profile.HoldMax), ScheduleNetworkFault);
    });

    /// <summary>Applies <paramref name="grudge"/> (replacing any other) and heals it after <paramref name="hold"/> unless another replaced it first.</summary>
    private void Partition(Grudge grudge, long hold, Action? then)
    {
        _network.Grudge = grudge;
        Faults++;
        _recorder.Nemesis("start-partition", grudge.ToJson());
        _queue.After(hold, () =>
        {
            if (_stopped)
            {
                return;
            }

            if (ReferenceEquals(_network.Grudge, grudge))
            {
                _network.Grudge = Grudge.None;
                _recorder.Nemesis("stop-partition", null);
            }
            then?.Invoke();
        });
    }

    private Grudge PlanPartition()
    {
        var shuffled = Shuffled();
        var leader = Leader();
        if (leader != 0 && _random.NextDouble() < _profile.LeaderPartitionBias)
        {
            return _random.Next(2) == 0
                ? PartitionPlanner.Isolate(leader, _ids, "leader-alone")
                // The leader with a minority: it keeps appending entries it cannot commit (Figure 8's setup).
                : PartitionPlanner.Halves([leader, .. shuffled.Where(n => n != leader)], "leader-minority");
        }
        return _random.Next(6) switch
        {
            0 => PartitionPlanner.Isolate(shuffled[0], _ids),
            1 when leader != 0 => PartitionPlanner.Isolate(leader, _ids, "leader-alone"),
            2 when leader != 0 => PartitionPlanner.Halves([leader, .. shuffled.Where(n => n != leader)], "leader-minority"),
            3 => PartitionPlanner.MajoritiesRing(shuffled),
            4 => PartitionPlanner.Bridge(shuffled),
            _ => PartitionPlanner.Halves(shuffled),
        };
    }

    private void ScheduleProcessFault() => _queue.After(Between(_profile.IntervalMin, _profile.IntervalMax), () =>
    {
        if (_stopped)
        {
            return;
        }

        var weights = ProcessWeights().Where(w => w.Weight > 0).ToList();
        var roll = _random.NextDouble() * weights.Sum(w => w.Weight);
        var kind = weights.First(w => (roll -= w.Weight) < 0 || w == weights[^1]).Kind;
        Faults++;
        switch (kind)
        {
            case "crash": CrashFor([Shuffled()[0]]); return;
            case "crash-leader": CrashFor([Leader() is var l && l != 0 ? l : Shuffled()[0]]); return;
            case "power-failure":
                CrashFor([.. Shuffled().Take(_random.Next(2) == 0 ? _ids.Count : _ids.Count / 2 + 1)]);
                return;
            case "membership":
                RemoveVoter();
                return;
            case "transfer":
                var target = Shuffled()[0];
                if (Leader() is var leader && leader != 0 && leader != target)
                {
                    _recorder.Nemesis("transfer-leadership", $"\"n{target}\"");
                    _nodes[(int)leader - 1].TransferLeadership(target);
                }
                break;
            default:
                SetClockRates();
                break;
        }
        ScheduleProcessFault();
    });

    private void CrashFor(IReadOnlyList<ulong> ids)
    {
        var crashed = ids.Where(id => _nodes[(int)id - 1].IsUp).ToList();
        foreach (var id in crashed)
        {
            _nodes[(int)id - 1].Crash();
        }

        if (crashed.Count > 0)
        {
            _recorder.Nemesis("kill", NodeList(crashed));
        }

        _queue.After(Between(_profile.HoldMin / 4, _profile.HoldMax / 2), () =>
        {
            if (_stopped)
            {
                return;
            }

            var restarted = crashed.Where(id => !_nodes[(int)id - 1].IsUp).ToList();
            foreach (var id in restarted)
            {
                _nodes[(int)id - 1].Start();
            }

            if (restarted.Count > 0)
            {
                _recorder.Nemesis("start", NodeList(restarted));
            }

            ScheduleProcessFault();
        });
    }

    private void SetClockRates()
    {
        var spread = Math.Log(Math.Max(1.0, _profile.MaxDrift));
        foreach (var node in _nodes)
        {
            node.ClockRate = Math.Round(Math.Exp((_random.NextDouble() * 2 - 1) * spread), 3);
        }

        _recorder.Nemesis("clock-rate",
            "{" + string.Join(',', _nodes.Select(n => $"\"n{n.Id}\":{n.ClockRate.ToString(CultureInfo.InvariantCulture)}")) + "}");
    }

    private List<(string Kind, double Weight)> ProcessWeights() =>
    [
        ("crash", _profile.CrashWeight),
        ("crash-leader", _profile.LeaderCrashWeight),
        ("power-failure", _profile.PowerFailureWeight),
        ("transfer", _profile.TransferWeight),
        ("clock", _profile.ClockWeight),
        ("membership", _profile.MembershipWeight),
    ];

    /// <summary>The live leader of the highest term, or 0.</summary>
    private ulong Leader()
    {
        SimNode? best = null;
        foreach (var node in _nodes)
        {
            if (node.Role == RaftRole.Leader && (best is null || node.Term > best.Term))
            {
                best = node;
            }
        }

        return best?.Id ?? 0;
    }

    private List<ulong> Shuffled()
    {
        var list = _ids.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    private long Between(long min, long max) => min + (long)(_random.NextDouble() * Math.Max(0, max - min));

    private static string NodeList(IEnumerable<ulong> ids) => "[" + string.Join(',', ids.Order().Select(id => $"\"n{id}\"")) + "]";
}
