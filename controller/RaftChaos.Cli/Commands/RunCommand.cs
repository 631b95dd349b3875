using System.CommandLine;
using System.Globalization;
using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Images;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Runs;
using RaftChaos.Runs;
using RaftChaos.Controller.Targets;
using RaftChaos.Node.Client;
using RaftChaos.Raft;
using RaftChaos.Workloads;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos run</c>: one chaos run (see <see cref="ChaosRun"/>) with a live progress display, then the verdict and
/// the run folder. Exit code: 0 valid, 1 invalid, 2 unknown, 64 bad flags, 69 no Docker engine, 70 the run itself
/// failed (image build, cluster start), 130 interrupted (containers removed).
/// </summary>
internal static class RunCommand
{
    private const int RunFailed = 70;
    private const int Interrupted = 130;

    public static Command Create()
    {
        var nodes = new Option<int>(RunFlags.Nodes) { Description = "cluster size", DefaultValueFactory = _ => 5 };
        var workload = new Option<string>(RunFlags.Workload) { Description = "register | kv", DefaultValueFactory = _ => "register" };
        workload.AcceptOnlyFromAmong([.. WorkloadOptions.WorkloadNames]);
        var nemesis = new Option<string>(RunFlags.Nemesis) { Description = "none | all | comma-separated partition,kill,pause,clock,slow-leader,swap-leader,netem,clock-rate,disk,membership (netem: the links to and from one node, or one direction of one link, get a delay up to 150 ms with jitter, reordering, loss or duplication up to 30 %, those three at once, or a bandwidth limit of 128 kbit/s-2 Mbit/s (a tc tbf per link); healed and read back from iptables and tc; disk: a node's log fsyncs stall 50-1000 ms, or fail with EIO on one node, the leader, a majority or all; healed by a restart from disk; membership: the leader removes a follower (added back with its data, or wiped), itself, or two followers at once; healed by adding every original member back, checked on every node's member list)", DefaultValueFactory = _ => "all" };
        var timeLimit = new Option<string>(RunFlags.TimeLimit) { Description = "length of the main phase, e.g. 60 (seconds), 90s, 2m", DefaultValueFactory = _ => "60" };
        var concurrency = new Option<int>(RunFlags.Concurrency) { Description = "logical client processes", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>(RunFlags.Rate) { Description = "operations per second over all processes", DefaultValueFactory = _ => 100 };
        var timeout = new Option<string>(RunFlags.Timeout) { Description = "per-operation timeout (then info)", DefaultValueFactory = _ => "2s" };
        var seed = new Option<int?>(RunFlags.Seed) { Description = "the run's seed (default: random, printed and stored)" };
        var store = new Option<string>(RunFlags.Store) { Description = "the store folder", DefaultValueFactory = _ => "store" };
        var unsafeBug = new Option<string?>(RunFlags.Unsafe) { Description = "node bug switches: stale-reads, lease-reads, forget-vote, commit-old-term, ack-before-persist, continue-after-fsync-error, membership-on-append (comma-separated)" };
        var name = new Option<string?>(RunFlags.Name) { Description = "test name, the store sub-folder (default WORKLOAD-NEMESIS)" };
        var interval = new Option<string>(RunFlags.NemesisInterval) { Description = "time between fault starts (each held 60% of it once in force; a slow fault shifts the later ones)", DefaultValueFactory = _ => "10s" };
        var failpoint = new Option<string?>(RunFlags.Failpoint) { Description = "a node failpoint, NAME=P: each node SIGKILLs itself with probability P at one place, crash-after-vote (right after granting a vote) or crash-before-first-append (a new leader, once the first entries of its term are on its own disk, before it sends them); a supervisor in its container starts it again at once" };
        var keys = new Option<int>(RunFlags.Keys) { Description = "keys of the kv workload", DefaultValueFactory = _ => 10 };
        var values = new Option<int>(RunFlags.Values)
        {
            Description = "distinct values writes draw from (0 .. N-1); a large N makes every lost write visible to the checker",
            DefaultValueFactory = _ => 5,
        };
        var followLeader = new Option<bool>(RunFlags.FollowLeader) { Description = "a write or cas refused with not-leader goes once more to the leader it names, within the same operation (the default)" };
        var noFollowLeader = new Option<bool>(RunFlags.NoFollowLeader) { Description = "every operation goes to its process's node only" };
        var json = new Option<bool>(CliJson.Flag) { Description = "print the run record (results.json, docs/results-json.md) on standard output; progress goes to standard error" };
        var engines = new Option<string?>(RunFlags.Engines) { Description = "the Docker engine to run on, DOCKER_HOST-style: unix:///PATH or tcp://HOST:PORT (TLS from DOCKER_CERT_PATH and DOCKER_TLS_VERIFY); several, comma-separated, spread one cluster over them, nodes round-robin (peers meet at each engine's host address and published ports). Default: DOCKER_HOST, else the local socket" };
        var target = new Option<string>(RunFlags.Target) { Description = $"the system under test: {string.Join(", ", SystemsUnderTest.Names)}", DefaultValueFactory = _ => SystemsUnderTest.DefaultName };
        target.AcceptOnlyFromAmong([.. SystemsUnderTest.Names]);
        var command = new Command("run", "Run a chaos test: a cluster of node containers, a workload, faults, a check and a report.")
        {
            nodes, workload, nemesis, timeLimit, concurrency, rate, timeout, seed, store, unsafeBug, name, interval, keys, values, failpoint,
            followLeader, noFollowLeader, target, engines, json,
        };
        command.Action = new UsageCheckedAction(async (r, ct) =>
        {
            var error = r.InvocationConfiguration.Error;
            var problems = new List<string>();
            var kinds = NemesisOptions.ParseKinds(r.GetValue(nemesis) ?? "", out var kindError);
            if (kindError is not null) problems.Add(kindError);
            if (!DurationText.TryParse(r.GetValue(timeLimit), out var limit)) problems.Add("--time-limit takes a number of seconds or a duration like 90s, 2m");
            if (!DurationText.TryParse(r.GetValue(timeout), out var opTimeout)) problems.Add("--timeout takes a duration like 2s or 500ms");
            if (!DurationText.TryParse(r.GetValue(interval), out var every)) problems.Add("--nemesis-interval takes a duration like 10s");
            if (r.GetValue(followLeader) && r.GetValue(noFollowLeader)) problems.Add($"{RunFlags.FollowLeader} and {RunFlags.NoFollowLeader} exclude each other");
            if (!UnsafeBugNames.TryParse(r.GetValue(unsafeBug), out var bugs))
            {
                problems.Add($"{RunFlags.Unsafe}: unknown switch in '{r.GetValue(unsafeBug)}'; use a comma-separated list of {string.Join(", ", UnsafeBugNames.All)}");
            }
            FailpointSpec? failpointSpec = null;
            if (r.GetValue(failpoint) is { } failpointText && !FailpointSpec.TryParse(failpointText, out failpointSpec, out var failpointError))
            {
                problems.Add($"{RunFlags.Failpoint}: {failpointError}");
            }
            EngineEndpoint? engine = null;
            IReadOnlyList<EngineEndpoint> spanned = [];
            if (r.GetValue(engines) is { } engineText)
            {
                try
                {
                    var list = EngineEndpoint.ParseList(engineText, Environment.GetEnvironmentVariable("DOCKER_CERT_PATH"),
                        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY")));
                    engine = list[0];
                    // Two or more: one cluster spread over them, nodes round-robin (docs/multi-engine.md).
                    if (list.Count > 1) spanned = list;
                }
                catch (FormatException ex)
                {
                    problems.Add($"{RunFlags.Engines}: {ex.Message}");
                }
            }
            var options = new ChaosRunOptions
            {
                Cluster = new Controller.Cluster.ClusterOptions { Engine = engine, Engines = spanned },
                Nodes = r.GetValue(nodes),
                TimeLimit = limit,
                Workload = new WorkloadOptions
                {
                    Workload = r.GetValue(workload)!,
                    Concurrency = r.GetValue(concurrency),
                    Rate = r.GetValue(rate),
                    Timeout = opTimeout,
                    KeyCount = r.GetValue(keys),
                    ValueCount = r.GetValue(values),
                    FollowLeader = !r.GetValue(noFollowLeader),
                },
                Nemesis = new NemesisOptions { Kinds = kinds ?? [], Interval = every },
                Seed = r.GetValue(seed) ?? Random.Shared.Next(1, 1_000_000),
                Unsafe = bugs,
                Failpoint = failpointSpec,
                StoreRoot = r.GetValue(store)!,
                Name = r.GetValue(name),
                Target = SystemsUnderTest.Find(r.GetValue(target))!,
            };
            if (problems.Count == 0) problems.AddRange(options.Validate());
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await error.WriteLineAsync("raftchaos run: " + problem).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var stdout = r.InvocationConfiguration.Output;
            return r.GetValue(json)
                ? await RunAsync(options, error, error, ct, record => stdout.WriteLine(RunRecordFile.ToJson(record))).ConfigureAwait(false)
                : await RunAsync(options, stdout, error, ct).ConfigureAwait(false);
        });
        return command;
    }

    // output: the human lines (standard error under --json); onRecord: where --json prints the record.
    private static async Task<int> RunAsync(ChaosRunOptions options, TextWriter output, TextWriter error, CancellationToken ct, Action<RunRecord>? onRecord = null)
    {
        // A fresh Debian machine has only the .NET SDK: the first run sets up the engine itself when it may.
        if (await EngineCommand.EnsureAsync(output, ct).ConfigureAwait(false) is { } noEngine)
        {
            await error.WriteLineAsync("raftchaos run: " + noEngine).ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        // Under --json standard output carries only the record: no live table, every progress line to `output` (stderr).
        var interactive = !Console.IsOutputRedirected && onRecord is null;
        await output.WriteLineAsync($"raftchaos run: {options.EffectiveName}, seed {options.Seed} (replay: {options.ToConfiguration().ReplayCommand})").ConfigureAwait(false);
        var run = new ChaosRun(options, interactive ? null : line => output.WriteLine("  " + line));
        try
        {
            var result = await RunProgressView.ShowAsync(run, run.RunAsync(ct), interactive, output).ConfigureAwait(false);
            var record = result.Record;
            var c = record.Counts;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"ops ok {c.Ok}, fail {c.Fail}, info {c.Info}; nemesis events {c.NemesisEvents}; cluster start {record.ClusterStartMs / 1000:F1} s")).ConfigureAwait(false);
            if (record.Failover is { } f)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"failover: {f.TimeWithoutLeaderMs:F0} ms without a leader, {f.Terms} terms, leader kills {f.KillToNextWriteMs.Count}{(f.MedianKillToNextWriteMs is { } m ? $", median kill-to-next-write {m:F0} ms" : "")}")).ConfigureAwait(false);
            }
            if (record.HealProblems.Count > 0) await output.WriteLineAsync("NOT HEALED: " + string.Join("; ", record.HealProblems)).ConfigureAwait(false);
            foreach (var check in record.Checks.Where(k => k.Verdict != Verdict.Valid))
                foreach (var finding in check.Findings) await output.WriteLineAsync($"{check.Name} {ComposedVerdict.Word(check.Verdict)}: {finding.Text}").ConfigureAwait(false);
            await output.WriteLineAsync($"verdict: {result.Verdict.ToString().ToLowerInvariant()}").ConfigureAwait(false);
            await output.WriteLineAsync($"run folder: {result.Directory}").ConfigureAwait(false);
            onRecord?.Invoke(record);
            return result.Verdict switch
            {
                Verdict.Valid => ExitCodes.Valid,
                Verdict.Invalid => ExitCodes.Invalid,
                _ => ExitCodes.Unknown,
            };
        }
        catch (DockerUnavailableException ex)
        {
            await error.WriteLineAsync("raftchaos run: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await error.WriteLineAsync("raftchaos run: interrupted; the run's containers and network were removed").ConfigureAwait(false);
            return Interrupted;
        }
        catch (Exception ex) when (ex is NodeImageException or TimeoutException or ExecFailedException or Docker.DotNet.DockerApiException)
        {
            await error.WriteLineAsync("raftchaos run: the run failed: " + ex.Message).ConfigureAwait(false);
            return RunFailed;
        }
    }
}
