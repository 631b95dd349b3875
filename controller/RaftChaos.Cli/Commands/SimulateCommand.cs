using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RaftChaos.Checker;
using RaftChaos.Raft;
using RaftChaos.Simulation;
using RaftChaos.Simulation.Faults;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos simulate [--seeds N] [--seed S] [--nodes 3|5|7] [--steps N] [--unsafe BUG] [--profile NAME] [--out DIR]</c>:
/// runs seeds S, S+1, ... of the deterministic cluster simulator, printing progress and a summary. Exit 0 when every
/// seed is safe and linearizable; 1 at the first violation (with the seed, the property, the replay command, and the
/// seed's history written to --out); 2 when no violation but some check was unknown; 64 on bad flags.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var seeds = new Option<int>("--seeds") { Description = "How many seeds to run.", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "The first seed.", DefaultValueFactory = _ => 1 };
        var nodes = new Option<int>("--nodes") { Description = "Cluster size: 3, 5 or 7.", DefaultValueFactory = _ => 5 };
        var steps = new Option<int>("--steps") { Description = "Ticks (100 ms each) of the faulty main phase per seed.", DefaultValueFactory = _ => 300 };
        var bug = new Option<string?>("--unsafe") { Description = $"Switch on a core bug: {string.Join(", ", UnsafeBugNames.All)}." };
        var profile = new Option<string?>("--profile") { Description = $"Force one fault profile instead of the seed's choice: {string.Join(", ", FaultProfiles.All.Select(p => p.Name))}." };
        var output = new Option<string>("--out") { Description = "Folder for the failing seed's history.", DefaultValueFactory = _ => Path.Combine("store", "simulate") };
        var json = new Option<bool>(CliJson.Flag) { Description = "Print the outcome as one JSON object (progress goes to standard error)." };

        var command = new Command("simulate", "Run the deterministic cluster simulator over many seeds.");
        foreach (var option in new Option[] { seeds, seed, nodes, steps, bug, profile, output, json }) command.Options.Add(option);
        command.Action = new UsageCheckedAction((parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var settings = new SimulateSettings(
                parseResult.GetValue(seed), parseResult.GetValue(seeds), parseResult.GetValue(nodes), parseResult.GetValue(steps),
                parseResult.GetValue(bug), parseResult.GetValue(profile), parseResult.GetValue(output)!);
            var unmatched = parseResult.UnmatchedTokens.Count > 0 ? $"unknown argument {parseResult.UnmatchedTokens[0]}" : null;
            if ((unmatched ?? settings.Validate(out _)) is { } usage)
            {
                error.WriteLine($"raftchaos simulate: {usage}");
                error.WriteLine("Try 'raftchaos simulate --help'.");
                return Task.FromResult(ExitCodes.Usage);
            }

            settings.Validate(out var bugs);
            var stdout = parseResult.InvocationConfiguration.Output;
            if (!parseResult.GetValue(json))
            {
                return Task.FromResult(Run(settings, bugs, stdout, cancellationToken, out _));
            }
            var exitCode = Run(settings, bugs, error, cancellationToken, out var outcome);
            stdout.WriteLine(CliJson.Serialize(outcome));
            return Task.FromResult(exitCode);
        });
        return command;
    }

    // The outcome of a simulate command as --json prints it.
    private sealed record Outcome(
        string Verdict, int FirstSeed, int Seeds, int Nodes, int Steps, string Unsafe, long Operations, int Violations, int Unknown,
        int? FirstUnknownSeed, Violation? Violation);

    private sealed record Violation(int Seed, string Profile, string Property, string Text, string History, string Replay);

    private static int Run(SimulateSettings settings, UnsafeBug bugs, TextWriter output, CancellationToken cancellationToken, out object outcome)
    {
        SimulateSummary summary = new();
        Outcome Make(string verdict, int? firstUnknown, Violation? violation) => new(verdict, settings.FirstSeed, summary.Seeds, settings.Nodes,
            settings.Steps, bugs.ToName(), summary.Operations, summary.Violations, summary.Unknown, firstUnknown, violation);
        output.WriteLine($"simulate: seeds {settings.FirstSeed}..{settings.FirstSeed + settings.Seeds - 1}, {settings.Nodes} nodes, "
            + $"{settings.Steps} steps, unsafe {bugs.ToName()}{(settings.Profile is null ? "" : $", profile {settings.Profile}")}");
        var total = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();
        var firstUnknown = (int?)null;
        for (var i = 0; i < settings.Seeds && !cancellationToken.IsCancellationRequested; i++)
        {
            var seed = settings.FirstSeed + i;
            var wall = Stopwatch.StartNew();
            var result = ClusterSimulation.Run(new SimulationOptions
            {
                Seed = seed, Nodes = settings.Nodes, Steps = settings.Steps, UnsafeBugs = bugs, Profile = settings.Profile,
            });
            summary.Add(result, wall.Elapsed);
            if (result.Verdict == Verdict.Unknown) firstUnknown ??= seed;
            if (result.Violation is { } violation)
            {
                summary.WriteTo(output, total.Elapsed);
                var path = WriteHistory(settings.OutputFolder, result);
                output.WriteLine();
                output.WriteLine($"VIOLATION at seed {seed} (profile {result.Profile}): {violation.Property}");
                output.WriteLine($"  {violation}");
                output.WriteLine($"  history: {path}");
                output.WriteLine($"  replay:  {settings.ReplayCommand(seed, bugs)}");
                outcome = Make("invalid", firstUnknown, new Violation(seed, result.Profile, violation.Property.ToString(), violation.ToString(), path, settings.ReplayCommand(seed, bugs)));
                return ExitCodes.Invalid;
            }

            if (progress.Elapsed >= TimeSpan.FromSeconds(5) || i + 1 == settings.Seeds)
            {
                progress.Restart();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {i + 1}/{settings.Seeds} seeds, {summary.Operations} ops checked, no violation ({total.Elapsed.TotalSeconds:F1} s)"));
            }
        }

        summary.WriteTo(output, total.Elapsed);
        if (firstUnknown is { } unknownSeed)
        {
            output.WriteLine($"UNKNOWN: the linearizability check hit its bound at seed {unknownSeed} (and {summary.Unknown - 1} more)");
            outcome = Make("unknown", unknownSeed, null);
            return ExitCodes.Unknown;
        }

        output.WriteLine("OK: every seed safe and linearizable");
        outcome = Make("valid", null, null);
        return ExitCodes.Valid;
    }

    private static string WriteHistory(string folder, SimulationResult result)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"seed-{result.Seed}.jsonl");
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        result.WriteHistory(stream);
        return path;
    }
}
