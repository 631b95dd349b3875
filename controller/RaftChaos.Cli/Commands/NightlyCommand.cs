using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Images;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Targets;
using RaftChaos.Nightly;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Summary;
using RaftChaos.Runs;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos nightly [--target raftchaos|etcd] [--runs N] [--time-limit S] [--nodes 3,5] [--workloads register,kv] [--nemesis all ...]
/// [--matrix] [--matrix-seeds 3] [--matrix-bugs B,...] [--store store] [--seed S] [--dry-run]</c>: clean runs over the
/// combinations, then the validation matrix, one <c>raftchaos run</c> after another; writes
/// <c>STORE/nightly/DATE/summary.json</c> and <c>index.html</c>. Exit 0 when every clean run is valid and every matrix bug
/// was caught, 1 otherwise (the failures and their replay commands are printed), 64 usage, 69 no Docker engine.
/// Ctrl-C lets the current run clean up, then writes the summary of what ran. <c>--engines E1,E2</c> spreads the runs over a
/// pool of engines, one run per engine at a time.
/// </summary>
internal static class NightlyCommand
{
    /// <summary>
    /// The command's name. CliApplication leaves SIGINT/SIGTERM to this command: System.CommandLine's own handler gives
    /// a command two seconds after Ctrl-C before returning 130, far less than a run needs to heal and remove its containers.
    /// </summary>
    public const string Name = "nightly";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var defaults = new NightlyOptions();
        var target = new Option<string>(RunFlags.Target)
        {
            Description = $"The system under test of the clean runs: {string.Join(", ", SystemsUnderTest.Names)}.",
            DefaultValueFactory = _ => SystemsUnderTest.DefaultName,
        };
        target.AcceptOnlyFromAmong([.. SystemsUnderTest.Names]);
        var runs = new Option<int>("--runs") { Description = "Clean runs (0: the matrix alone).", DefaultValueFactory = _ => defaults.Runs };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds of faults and workload per run.", DefaultValueFactory = _ => defaults.TimeLimit.TotalSeconds };
        var nodes = new Option<string>("--nodes") { Description = "Cluster sizes to cycle through, e.g. 3,5.", DefaultValueFactory = _ => "3,5" };
        var workloads = new Option<string>("--workloads") { Description = "Workloads to cycle through: register,kv.", DefaultValueFactory = _ => "register,kv" };
        var nemesis = new Option<string[]>("--nemesis")
        {
            Description = "A nemesis set to cycle through (repeatable), each as raftchaos run takes it: all, partition,kill, ... Default: all.",
            AllowMultipleArgumentsPerToken = false,
        };
        var matrix = new Option<bool>("--matrix") { Description = "Also run the validation matrix: each --unsafe bug under the faults that expose it." };
        var matrixSeeds = new Option<int>("--matrix-seeds") { Description = "Seeds per matrix bug (all run: the detection rate needs them).", DefaultValueFactory = _ => defaults.MatrixSeeds };
        var matrixBugs = new Option<string?>("--matrix-bugs") { Description = "Only these bugs, comma-separated. Default: all." };
        var store = new Option<string>("--store") { Description = "The store folder; nights go to STORE/nightly/DATE.", DefaultValueFactory = _ => "store" };
        var seed = new Option<long?>("--seed") { Description = "The nightly seed every run seed derives from. Default: from the clock (printed)." };
        var overhead = new Option<double>("--run-overhead") { Description = "Seconds a run takes beyond its time limit, for the first estimate.", DefaultValueFactory = _ => defaults.RunOverhead.TotalSeconds };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan (runs, seeds, replay commands, estimate) and exit." };
        var engines = new Option<string?>(RunFlags.Engines)
        {
            Description = "A pool of Docker engines, comma-separated, DOCKER_HOST-style (unix:///PATH, tcp://HOST:PORT; TLS from DOCKER_CERT_PATH and DOCKER_TLS_VERIFY): " +
                "up to one run per engine at a time, each run's cluster wholly on one engine; an engine that stops answering leaves the pool. Default: the one engine DOCKER_HOST names.",
        };
        var junit = new Option<string?>("--junit") { Description = "Also write the night as JUnit XML to FILE: a test case per clean run and per matrix bug, for any CI." };

        var command = new Command(Name, "Nightly chaos runs and the validation matrix, summarised in summary.json and index.html.")
        {
            target, runs, timeLimit, nodes, workloads, nemesis, matrix, matrixSeeds, matrixBugs, store, seed, overhead, dryRun, junit, engines,
        };
        command.Action = new UsageCheckedAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.UnmatchedTokens.Count > 0)
            {
                await error.WriteLineAsync($"raftchaos {Name}: unknown argument {string.Join(' ', parseResult.UnmatchedTokens)}").ConfigureAwait(false);
                await error.WriteLineAsync($"Try 'raftchaos {Name} --help'.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            NightlyOptions options;
            IReadOnlyList<string> pool = [];
            try
            {
                if (parseResult.GetValue(engines) is { } engineText)
                {
                    try
                    {
                        pool = [.. EngineEndpoint.ParseList(engineText, Environment.GetEnvironmentVariable("DOCKER_CERT_PATH"),
                            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY"))).Select(e => e.Name)];
                    }
                    catch (FormatException ex)
                    {
                        throw new ArgumentException($"{RunFlags.Engines}: {ex.Message}", ex);
                    }
                }

                var seconds = parseResult.GetValue(timeLimit);
                var overheadSeconds = parseResult.GetValue(overhead);
                if (!(seconds > 0) || double.IsInfinity(seconds)) throw new ArgumentException($"--time-limit must be a positive number of seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}");
                if (!(overheadSeconds >= 0) || double.IsInfinity(overheadSeconds)) throw new ArgumentException("--run-overhead must be 0 or more seconds");
                options = new NightlyOptions
                {
                    Target = parseResult.GetValue(target)!,
                    Runs = parseResult.GetValue(runs),
                    TimeLimit = TimeSpan.FromSeconds(seconds),
                    Nodes = [.. List(parseResult.GetValue(nodes)!, "--nodes").Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : throw new ArgumentException($"--nodes: '{n}' is not a node count"))],
                    Workloads = List(parseResult.GetValue(workloads)!, "--workloads"),
                    Nemeses = parseResult.GetValue(nemesis) is { Length: > 0 } sets ? sets : defaults.Nemeses,
                    Seed = parseResult.GetValue(seed) ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
                    Matrix = parseResult.GetValue(matrix),
                    MatrixSeeds = parseResult.GetValue(matrixSeeds),
                    MatrixBugs = parseResult.GetValue(matrixBugs) is { } bugs ? List(bugs, "--matrix-bugs") : [],
                    RunOverhead = TimeSpan.FromSeconds(overheadSeconds),
                };
                options.Validate();
                RefuseFaultsTheTargetCannotTake(options);
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync($"raftchaos {Name}: {(ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal))}").ConfigureAwait(false);
                await error.WriteLineAsync($"Try 'raftchaos {Name} --help'.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var plan = NightlyPlanner.Plan(options);
            if (parseResult.GetValue(dryRun))
            {
                await PrintPlanAsync(plan, output).ConfigureAwait(false);
                return ExitCodes.Valid;
            }

            return await RunAsync(plan, pool, parseResult.GetValue(store)!, parseResult.GetValue(junit), output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        NightlyPlan plan, IReadOnlyList<string> pool, string store, string? junit, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"nightly: seed {plan.Seed}, {plan.CleanRuns.Count()} clean runs and {plan.MatrixRuns.Count()} matrix runs, about {NightlyConsoleProgress.Format(plan.EstimatedTotal)}")).ConfigureAwait(false);
        if (pool.Count > 0)
        {
            await output.WriteLineAsync($"nightly: {pool.Count} engine(s), one run each at a time: {string.Join(", ", pool)}").ConfigureAwait(false);
        }
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            if (interrupt.IsCancellationRequested)
            {
                // A second Ctrl-C: stop waiting. The run in its own session still cleans up its containers.
                return;
            }

            context.Cancel = true;
            error.WriteLine("nightly: interrupted; letting the current run clean up, then writing the summary (Ctrl-C again to quit now)");
            interrupt.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var executor = new ProcessRunExecutor(new ProcessRunExecutorOptions
        {
            Command = ProcessRunExecutorOptions.ForAssembly(typeof(NightlyCommand).Assembly.Location),
        });
        if (pool.Count > 1)
        {
            try
            {
                await NightlyImages.PrepareAsync(plan, line => output.WriteLine("  " + line), interrupt.Token).ConfigureAwait(false);
            }
            catch (NodeImageException ex)
            {
                // Left to the runs: each would fail the same way and be recorded with this reason.
                await error.WriteLineAsync($"raftchaos {Name}: the images could not be built before the night: {ex.Message}").ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
            {
                // Ctrl-C while building: the session below starts no run and writes the summary of an interrupted night.
            }
        }
        var session = new NightlySession(executor, new NightlyConsoleProgress(output)) { Engines = pool };
        var result = await session.RunAsync(plan, store, interrupt.Token).ConfigureAwait(false);
        await NightlyReport.PrintAsync(result, output).ConfigureAwait(false);
        if (junit is not null)
        {
            // Written even for an interrupted or aborted night: CI shows what ran and what did not.
            await JUnitReport.WriteAsync(result.Summary, junit, CancellationToken.None).ConfigureAwait(false);
            await output.WriteLineAsync($"JUnit XML: {Path.GetFullPath(junit)}").ConfigureAwait(false);
        }
        if (result.Summary.ExitCode == ExitCodes.Unavailable)
        {
            await error.WriteLineAsync($"raftchaos {Name}: {result.Summary.AbortReason}").ConfigureAwait(false);
        }

        return result.Summary.ExitCode;
    }

    private static async Task PrintPlanAsync(NightlyPlan plan, TextWriter output)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"nightly plan: seed {plan.Seed}, {plan.Runs.Count} runs, about {NightlyConsoleProgress.Format(plan.EstimatedTotal)}")).ConfigureAwait(false);
        foreach (var run in plan.Runs)
        {
            await output.WriteLineAsync($"{run.Name}\t{run.ReplayCommand}").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every nemesis set is checked against the target before the night starts (as <c>raftchaos run</c> would at each
    /// run): a night against etcd with <c>--nemesis all</c> would otherwise fail every run with the same usage error.
    /// </summary>
    private static void RefuseFaultsTheTargetCannotTake(NightlyOptions options)
    {
        if (options.Runs == 0) return;
        var system = SystemsUnderTest.Find(options.Target) ?? throw new ArgumentException($"--target: unknown target '{options.Target}'");
        foreach (var set in options.Nemeses)
        {
            var kinds = NemesisOptions.ParseKinds(set, out var parseError) ?? throw new ArgumentException(parseError);
            var refusals = new NemesisOptions { Kinds = kinds }.ValidateFor(system);
            if (refusals.Count > 0) throw new ArgumentException($"--nemesis {set}: {string.Join("; ", refusals)}");
        }
    }

    private static string[] List(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length > 0 ? items : throw new ArgumentException($"{option} needs at least one value");
    }
}
