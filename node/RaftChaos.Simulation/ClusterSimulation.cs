using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Raft;
using RaftChaos.Simulation.Checks;
using RaftChaos.Simulation.Clients;
using RaftChaos.Simulation.Events;
using RaftChaos.Simulation.Faults;
using RaftChaos.Simulation.Network;
using RaftChaos.Simulation.Nodes;

namespace RaftChaos.Simulation;

/// <summary>
/// Runs one seed: builds the cluster, network, clients and nemesis from a single <c>Random(seed)</c> (each component
/// gets its own stream drawn from it, in a fixed order), runs the faulty main phase, heals, lets the cluster recover
/// while clients finish with reads, then checks Raft's safety properties (throughout) and the history's
/// linearizability (at the end). Pure: the same options give the same history, byte for byte.
/// </summary>
public static class ClusterSimulation
{
    /// <summary>How often, in simulated time, log matching is checked across all nodes.</summary>
    private const long LogMatchingPeriod = 1_000_000_000;

    /// <summary>Runs <paramref name="options"/>.</summary>
    public static SimulationResult Run(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var master = new Random(options.Seed);
        var chosen = FaultProfiles.Pick(master);
        var profile = options.Profile is null ? chosen : FaultProfiles.Find(options.Profile)!;
        var networkRandom = new Random(master.Next());
        var nemesisRandom = new Random(master.Next());
        var clientRandom = new Random(master.Next());
        var nodeSeeds = Enumerable.Range(0, options.Nodes).Select(_ => master.Next()).ToArray();
        // Drawn last, so adding it left every earlier draw (and so each seed's profile and fault plan) where it was.
        var snapshotInterval = (ulong)master.Next(profile.SnapshotIntervalMin, profile.SnapshotIntervalMax + 1);

        var queue = new EventQueue();
        var monitor = new SafetyMonitor();
        var recorder = new HistoryRecorder(queue);
        var nodes = new List<SimNode>();
        var network = new SimNetwork(queue, networkRandom, m => nodes[(int)m.To - 1].Receive(m));
        var voters = Enumerable.Range(1, options.Nodes).Select(i => (ulong)i).ToArray();
        Nemesis? nemesis = null;
        Workload? workload = null;
        for (var i = 0; i < options.Nodes; i++)
        {
            var id = (ulong)i + 1;
            nodes.Add(new SimNode(id, queue, network, monitor,
                (random, founder) => new RaftOptions
                {
                    Id = id,
                    InitialVoters = founder ? voters : [],
                    ElectionTick = 10,
                    HeartbeatTick = 1,
                    Random = random,
                    UnsafeBugs = options.UnsafeBugs,
                    LazyCommitBroadcast = true, // as the node runs it
                    MaxSizePerMessage = profile.MaxSizePerMessage,
                    MaxInflightMessages = profile.MaxInflightMessages,
                },
                new NodeHooks(reply => workload!.Reply(reply), voter => nemesis!.OnVoteGranted(voter), leader => nemesis!.OnBecameLeader(leader),
                    crashed => ReportConnectionsLost(crashed)),
                new Random(nodeSeeds[i]),
                options.TickInterval,
                snapshotInterval));
        }

        // A crashed process's connections close at once, as the node's transport sees it: each peer that could hear from it
        // (no partition in between: a dropped FIN tells nothing) learns it after the network's shortest delay.
        void ReportConnectionsLost(ulong crashed)
        {
            foreach (var peer in nodes.Where(n => n.Id != crashed && n.IsUp && !network.IsBlocked(crashed, n.Id)))
            {
                queue.After(network.Conditions.MinDelay, () => peer.ConnectionLost(crashed));
            }
        }

        var workloadOptions = new WorkloadOptions { Workers = profile.Workers, Keys = profile.Keys, ReadFraction = profile.ReadFraction, MaxThinkTime = profile.MaxThinkTime };
        workload = new Workload(workloadOptions, queue, recorder, nodes, clientRandom);
        nemesis = new Nemesis(profile, queue, network, nodes, recorder, nemesisRandom);

        var mainEnd = options.Steps * options.TickInterval;
        var end = mainEnd + options.RecoverySteps * options.TickInterval;
        workload.ReadOnlyAfter = end - options.RecoverySteps / 2 * options.TickInterval;
        workload.StopAt = end - workloadOptions.OperationTimeout;

        try
        {
            foreach (var node in nodes)
            {
                node.Start();
            }

            workload.Start();
            nemesis.Start();
            ScheduleLogMatching(queue, monitor, nodes);
            queue.RunUntil(mainEnd, () => monitor.First is not null);
            if (monitor.First is null)
            {
                nemesis.StopAndHeal();
                queue.RunUntil(end, () => monitor.First is not null);
            }
            if (monitor.First is null)
            {
                monitor.CheckLogMatching(Logs(nodes), queue.Now);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or ArgumentOutOfRangeException
            or KeyNotFoundException or NullReferenceException or FormatException)
        {
            // The system under test threw (an invariant the core asserts broke, or a defect): a finding to replay, not a crash.
            monitor.Report("core-exception", $"{ex.GetType().Name}: {ex.Message}", queue.Now);
        }

        Verdict? verdict = null;
        var checkTime = TimeSpan.Zero;
        if (monitor.First is null)
        {
            var history = OperationHistory.FromEvents(recorder.Events, $"seed {options.Seed}");
            var check = new LinearizabilityChecker(new CheckOptions { MaxDegreeOfParallelism = 1, TimeLimit = options.CheckTimeLimit })
                .Check(history, BuiltInModels.KeyValue);
            verdict = check.Verdict;
            checkTime = check.Elapsed;
            if (check.Verdict == Verdict.Invalid)
            {
                monitor.Report("linearizability", Describe(check), queue.Now);
            }
        }

        return new SimulationResult
        {
            Seed = options.Seed,
            Profile = profile.Name,
            Violation = monitor.First,
            Verdict = verdict,
            SimulatedTime = queue.Now,
            Operations = recorder.Invocations,
            History = recorder.Events,
            EventsProcessed = queue.Processed,
            MessagesDelivered = network.Delivered,
            Elections = monitor.Elections,
            CommittedEntries = monitor.CommittedEntries,
            Faults = nemesis.Faults,
            SnapshotInterval = (int)snapshotInterval,
            SnapshotsTaken = nodes.Sum(n => n.SnapshotsTaken),
            SnapshotsInstalled = nodes.Sum(n => n.SnapshotsInstalled),
            RestartsFromSnapshot = nodes.Sum(n => n.RestartsFromSnapshot),
            LeaderLossReports = nodes.Sum(n => n.LeaderLossReports),
            VotersRemoved = nemesis.VotersRemoved,
            VotersAdded = nemesis.VotersAdded,
            Wipes = nemesis.Wipes,
            CheckTime = checkTime,
        };
    }

    private static void ScheduleLogMatching(EventQueue queue, SafetyMonitor monitor, IReadOnlyList<SimNode> nodes) =>
        queue.After(LogMatchingPeriod, () =>
        {
            monitor.CheckLogMatching(Logs(nodes), queue.Now);
            ScheduleLogMatching(queue, monitor, nodes);
        });

    private static List<(ulong, Storage.DurableStore)> Logs(IReadOnlyList<SimNode> nodes) => [.. nodes.Select(n => (n.Id, n.Store))];

    private static string Describe(CheckResult check)
    {
        var parts = new List<string>();
        foreach (var key in check.FailingKeys)
        {
            var counterexample = key.Counterexample!;
            var blocked = string.Join("; ", counterexample.CannotFollow.Take(3).Select(b => b.Operation.Describe()));
            parts.Add($"key {key.Key}: {counterexample.LongestPrefix.Count} ops linearize, ending in {counterexample.StateAfterPrefix}; none of these can follow: {blocked}");
        }
        return string.Join(" | ", parts);
    }
}
