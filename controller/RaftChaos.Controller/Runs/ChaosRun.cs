using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Controller.Checks;
using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Images;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Store;
using RaftChaos.Report.Building;
using RaftChaos.Report.Input;
using RaftChaos.Report.Rendering;
using RaftChaos.Controller.Targets;
using RaftChaos.Runs;
using RaftChaos.Workloads;
using RaftChaos.Workloads.Generators;
using RaftChaos.Workloads.Recording;
using RaftChaos.Workloads.Running;

namespace RaftChaos.Controller.Runs;

/// <summary>
/// One chaos run (DESIGN.md, "The flow of one run"): start a cluster, drive the workload while the nemesis schedule
/// injects faults, heal and verify the heal, wait for a leader and quiescence, read every key back, collect node logs,
/// remove the containers, check the history and file everything in the store. <see cref="Progress"/> may be polled from
/// another thread for a live display.
/// </summary>
public sealed class ChaosRun(ChaosRunOptions options, Action<string>? logObserver = null)
{
    private readonly Stopwatch _clock = new();
    private volatile RunPhase _phase = RunPhase.Starting;
    private HistoryRecorder? _recorder;
    private NemesisSchedule? _schedule;

    /// <summary>The run's state now (thread-safe).</summary>
    public RunProgress Progress
    {
        get
        {
            var counts = _recorder?.Snapshot().Total ?? OperationCounts.Zero;
            return new RunProgress(_phase, _clock.Elapsed, counts.Ok, counts.Fail, counts.Info, _schedule?.FaultsStarted ?? 0, _schedule?.ActiveFaults ?? []);
        }
    }

    /// <summary>
    /// Runs to the end and returns the verdict and the run folder. Throws <see cref="DockerUnavailableException"/> when
    /// no engine answers (before anything is written), <see cref="ArgumentException"/> for invalid options, and
    /// <see cref="OperationCanceledException"/> on cancellation (after removing the containers).
    /// </summary>
    public async Task<ChaosRunResult> RunAsync(CancellationToken cancellationToken)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _clock.Start();
        await using var engine = await DockerEngine.ConnectAsync(
            options.Cluster.MainEngine is { } engineEndpoint ? new DockerEngineOptions { Endpoint = engineEndpoint } : null, null, cancellationToken).ConfigureAwait(false);

        var directory = RunStore.CreateRunDirectory(options.StoreRoot, options.EffectiveName, DateTimeOffset.UtcNow);
        using var log = new RunLog(Path.Combine(directory, "controller.log"), LogLevel.Information, logObserver);
        Log.RunStarted(log, options.EffectiveName, options.Seed, directory, null);
        var clusterOptions = options.Cluster with
        {
            Nodes = options.Nodes,
            Target = options.EffectiveTarget,
            Seed = options.Seed,
            ClockFaults = NemesisOptions.NeedsClockFaults(options.Nemesis.Kinds),
        };
        // netem delays need the delayer, which only the network helper image carries (built when its sources change).
        if (options.Nemesis.Kinds.Contains("netem") && clusterOptions.NetworkHelperImage == NodeImage.BaseImage)
        {
            clusterOptions = clusterOptions with
            {
                NetworkHelperImage = await NetHelperImage.EnsureAsync(null, line => logObserver?.Invoke(line), cancellationToken).ConfigureAwait(false),
            };
        }

        var historyPath = Path.Combine(directory, RunFolder.HistoryFileName);
        var cluster = await RaftCluster.StartAsync(clusterOptions, engine, log, cancellationToken).ConfigureAwait(false);
        var healProblems = (IReadOnlyList<string>)[];
        LeaderPoller poller;
        NemesisContext context;
        OperationCounts operations;
        long nemesisEvents;
        IReadOnlyList<HistoryEvent> events;
        string modelName;
        DateTimeOffset historyOrigin;
        try
        {
            historyOrigin = DateTimeOffset.UtcNow; // the recorder's time 0, within a millisecond
            using var recorder = HistoryRecorder.ToFile(historyPath, keepEvents: true);
            _recorder = recorder;
            var endpoints = cluster.CreateEndpoints();
            try
            {
                var runner = new WorkloadRunner(WorkloadFor(options, cluster.Capabilities), endpoints, recorder);
                modelName = runner.Generator.ModelName;
                context = new NemesisContext(cluster, new Random(options.Seed), recorder);
                _schedule = new NemesisSchedule(options.Nemesis, context, log);
                poller = new LeaderPoller(cluster, recorder);

                await cluster.ArmFailpointAsync(cancellationToken).ConfigureAwait(false);
                _phase = RunPhase.Main;
                Log.MainPhase(log, options.TimeLimit.TotalSeconds, options.Workload.Workload, options.NemesisLabel, null);
                using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var polling = poller.RunAsync(stopPolling.Token);
                var workload = runner.RunAsync(options.TimeLimit, cancellationToken);
                var faults = _schedule.RunAsync(options.TimeLimit, cancellationToken);
                try
                {
                    await Task.WhenAll(workload, faults).ConfigureAwait(false);
                }
                finally
                {
                    await stopPolling.CancelAsync().ConfigureAwait(false);
                    await polling.ConfigureAwait(false);
                }

                _phase = RunPhase.Healing;
                healProblems = await HealAsync(cluster, log, cancellationToken).ConfigureAwait(false);

                _phase = RunPhase.FinalReads;
                var final = await runner.ReadFinalAsync(cancellationToken).ConfigureAwait(false);
                Log.FinalReads(log, final.Reads.Count, final.AllOk, null);
            }
            finally
            {
                foreach (var endpoint in endpoints.OfType<IDisposable>()) endpoint.Dispose();
            }
            var snapshot = recorder.Snapshot();
            operations = snapshot.Total;
            nemesisEvents = snapshot.NemesisEventCount;
            events = recorder.Events;
        }
        finally
        {
            _phase = RunPhase.Collecting;
            try
            {
                await cluster.CollectLogsAsync(Path.Combine(directory, "nodes"), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Docker.DotNet.DockerApiException or IOException)
            {
                Log.LogsNotCollected(log, ex);
            }
            // Removed also on errors and Ctrl-C: nothing of this run may outlive it.
            await cluster.DisposeAsync().ConfigureAwait(false);
            Log.RunRemoved(log, cluster.RunId, null);
        }

        _phase = RunPhase.Checking;
        // The one parse and the one check of the history: the record and the report both take them from here.
        var history = OperationHistory.Load(historyPath);
        var model = BuiltInModels.Find(modelName) ?? throw new InvalidOperationException($"no checker model '{modelName}'");
        var check = new LinearizabilityChecker(new CheckOptions { TimeLimit = options.CheckTimeLimit }).Check(history, model, cancellationToken);
        Log.Checked(log, check.Verdict.ToString(), check.OperationCount, check.KeyCount, check.Elapsed.TotalMilliseconds, null);

        var nodeLogLines = NodeLogs.ReadLines(Path.Combine(directory, "nodes")).ToList();
        var nodeLogChecks = cluster.Target.NodeLogChecks;
        var logOutcomes = nodeLogChecks.Select(c => c.Check(nodeLogLines, historyOrigin)).ToList();
        foreach (var outcome in logOutcomes)
            foreach (var finding in outcome.Findings) Log.NodeLogFinding(log, outcome.Name, finding.Text, null);

        var measured = new RunRecordBuilder.Measurements(
            cluster.RunId,
            new RunCounts(operations.Invoked, operations.Ok, operations.Fail, operations.Info, nemesisEvents),
            FailoverMeasurement.From(poller, context.LeaderKills, events),
            healProblems,
            cluster.StartDuration,
            ProcessNodes(events, cluster.NodeIds),
            historyOrigin);
        var record = RunRecordBuilder.Build(options.EffectiveName, options.ToConfiguration(), history, check, logOutcomes, measured);
        await RunRecordFile.SaveAsync(directory, record, cancellationToken).ConfigureAwait(false);
        // The report gets what the run holds in memory: no second parse of the history, no second check.
        await WriteReportAsync(ReportInputLoader.FromMemory(history, check, RunReportMapping.From(record, nodeLogLines), RunFolder.Locate(directory)),
            directory, log, cancellationToken).ConfigureAwait(false);
        RunStore.UpdateLatest(options.StoreRoot, directory);
        _phase = RunPhase.Done;
        Log.RunFinished(log, record.Verdict.ToString(), directory, null);
        return new ChaosRunResult(record, directory, check, nodeLogLines.Count);
    }

    private async Task<IReadOnlyList<string>> HealAsync(RaftCluster cluster, ILogger log, CancellationToken cancellationToken)
    {
        await _schedule!.StopAllAsync(cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        if (await TryHealAsync(cluster, log, cancellationToken).ConfigureAwait(false) is { } failed) return [failed];
        string? leader;
        try
        {
            leader = await cluster.WaitForLeaderAsync(options.HealTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            // A node that stopped on its own (a broken invariant under an --unsafe switch, a crash) or a cluster that
            // cannot agree is a finding, not a reason to throw the history away: the final reads and the check go on.
            var problem = "after healing: " + ex.Message;
            Log.Healed(log, clock.Elapsed.TotalSeconds, "(none agreed)", "NOT HEALED: " + problem, null);
            return [problem];
        }
        // Quiescence: every follower has applied what the leader committed, so final reads see one state.
        while (clock.Elapsed < options.HealTimeout)
        {
            var statuses = await Task.WhenAll(cluster.NodeIds.Select(n => cluster.TryStatusAsync(n, cancellationToken))).ConfigureAwait(false);
            var commit = statuses.FirstOrDefault(s => s?.Id == leader)?.CommitIndex;
            if (commit is not null && statuses.All(s => s is not null && s.AppliedIndex >= commit)) break;
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        // A libfaketime change shows within about a second: the clock part of the check needs that long after the reset.
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken).ConfigureAwait(false);
        var problems = await cluster.VerifyHealedAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        Log.Healed(log, clock.Elapsed.TotalSeconds, leader ?? "(no leader discovery)",
            problems.Count == 0 ? "no DROP rule, no paused node, no clock skew left" : "NOT HEALED: " + string.Join("; ", problems), null);
        return problems;
    }

    /// <summary>
    /// Heals, again if a step failed (an exec into a container the engine is restarting exits 126 or 137; before the
    /// in-container supervisor, a failpoint crash did that). The heal is idempotent and disarms the failpoint first, so
    /// a later attempt meets no new crash. Returns null when healed, else the last failure.
    /// </summary>
    private static async Task<string?> TryHealAsync(RaftCluster cluster, ILogger log, CancellationToken cancellationToken)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await cluster.HealAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (Exception ex) when (ex is ExecFailedException or Docker.DotNet.DockerApiException)
            {
                Log.HealRetry(log, attempt, ex.Message, null);
                if (attempt == attempts) return $"the heal failed {attempts} times: {ex.Message}";
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteReportAsync(ReportInput input, string directory, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            await ReportWriter.WriteAsync(ReportBuilder.Build(input), Path.Combine(directory, ReportWriter.FileName), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // The verdict stands without the report; say why it is missing.
            Log.ReportNotWritten(log, ex);
        }
    }

    /// <summary>Process → node: slot i is bound to node i mod n, and a retired process p continues as p + concurrency.</summary>
    private SortedDictionary<int, string> ProcessNodes(IReadOnlyList<HistoryEvent> events, IReadOnlyList<string> nodeIds)
        => new(events.Where(e => !e.Process.IsNemesis).Select(e => e.Process.ClientId).Distinct()
            .ToDictionary(p => p, p => nodeIds[(p % options.Workload.Concurrency) % nodeIds.Count]));

    /// <summary>
    /// The run's workload with its seed; a kv workload mixes appends in when the target's client does them as one attempt
    /// each (etcd: one Txn on the key's mod_revision), so those runs exercise the kv model's string semantics too.
    /// </summary>
    internal static WorkloadOptions WorkloadFor(ChaosRunOptions options, TargetCapabilities capabilities)
    {
        var workload = options.Workload.WithSeed(options.Seed);
        return workload.Workload == KeyValueGenerator.WorkloadName && capabilities.HasFlag(TargetCapabilities.Append)
            ? workload with { Appends = true }
            : workload;
    }
}
