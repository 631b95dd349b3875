using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RaftChaos.Checker;
using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos bench-check [--corpus DIR] [--repeat N]</c>: times the checker on the 108 Porcupine corpus files
/// (median and best of N runs per file, after a warm-up run; the best is the steadier figure on a busy machine) and on two generated histories (100,000 ops over 1,000 keys with
/// 20 processes; 10,000 ops on one key with 10 processes; the scale row, 1,000,000 ops over 10,000 keys with 50 processes),
/// then prints the table and the process's peak memory, and then the stress rows (<see cref="BenchCheckStress"/>).
/// Run it in Release: <c>dotnet run -c Release --project controller/RaftChaos.Cli -- bench-check</c>.
/// </summary>
internal static class BenchCheckCommand
{
    /// <summary>Porcupine's total on the same 108 files, measured on this kind of machine (issue 2).</summary>
    private const double PorcupineTotalMs = 1050;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var corpus = new Option<string?>("--corpus")
        {
            Description = "The porcupine corpus folder (MANIFEST.tsv). Default: $RAFTCHAOS_SHARED/histories/porcupine or ../shared/histories/porcupine beside RaftChaos.sln.",
        };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs per corpus file (median reported).", DefaultValueFactory = _ => 7 };
        var stress = new Option<int>("--stress") { Description = "Histories per stress shape (0: no stress rows).", DefaultValueFactory = _ => 20 };
        var command = new Command("bench-check", "Benchmark the linearizability checker and print a table.");
        command.Options.Add(corpus);
        command.Options.Add(repeat);
        var stressOnly = new Option<bool>("--stress-only") { Description = "Only the stress rows (no corpus, no generated rows)." };
        command.Options.Add(stress);
        var stressOps = new Option<int>("--stress-ops") { Description = "With --stress-only: only the shapes of this many operations (100, 500, 2000)." };
        command.Options.Add(stressOnly);
        command.Options.Add(stressOps);
        command.Action = new UsageCheckedAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var repeats = parseResult.GetValue(repeat);
            var folder = parseResult.GetValue(corpus) ?? LocateCorpus();
            var perShape = parseResult.GetValue(stress);

            // The stress rows need no corpus.
            if (parseResult.GetValue(stressOnly))
            {
                BenchCheckStress.Run(output, error, Math.Max(perShape, 1), cancellationToken, parseResult.GetValue(stressOps));
                return Task.FromResult(ExitCodes.Valid);
            }

            if (repeats < 1 || perShape < 0 || folder is null || !File.Exists(Path.Combine(folder, "MANIFEST.tsv")))
            {
                error.WriteLine(repeats < 1 || perShape < 0
                    ? "raftchaos bench-check: --repeat must be at least 1 and --stress at least 0"
                    : $"raftchaos bench-check: no MANIFEST.tsv in {folder ?? "(corpus not found)"}; pass --corpus DIR or set RAFTCHAOS_SHARED");
                return Task.FromResult(ExitCodes.Usage);
            }

            return Task.FromResult(Run(folder, repeats, perShape, output, cancellationToken));
        });
        return command;
    }

    private static int Run(string folder, int repeats, int perShape, TextWriter output, CancellationToken cancellationToken)
    {
        var table = new BenchTable(["benchmark", "ops", "keys", "verdict", "expected", "parse ms", "check ms", "best ms"]);
        var checker = new LinearizabilityChecker();
        var disagreements = 0;

        var rows = File.ReadAllLines(Path.Combine(folder, "MANIFEST.tsv")).Skip(1).Where(line => line.Length > 0)
            .Select(line => line.Split('\t')).ToList();
        var corpus = rows.Select(columns => (File: columns[0], Model: BuiltInModels.Find(columns[1])!, Expected: columns[4])).ToList();

        // Warm-up: JIT and first-touch costs are not what we measure.
        foreach (var entry in corpus)
        {
            checker.Check(OperationHistory.Load(Path.Combine(folder, entry.File)), entry.Model, cancellationToken);
        }

        double totalCheck = 0, totalParse = 0, etcdCheck = 0, totalBest = 0;
        foreach (var entry in corpus)
        {
            var path = Path.Combine(folder, entry.File);
            var parse = new List<double>();
            var check = new List<double>();
            CheckResult? result = null;
            OperationHistory? history = null;
            for (var r = 0; r < repeats; r++)
            {
                var stopwatch = Stopwatch.StartNew();
                history = OperationHistory.Load(path);
                parse.Add(stopwatch.Elapsed.TotalMilliseconds);
                result = checker.Check(history, entry.Model, cancellationToken);
                check.Add(result.Elapsed.TotalMilliseconds);
            }

            var verdict = Word(result!.Verdict);
            disagreements += verdict == entry.Expected ? 0 : 1;
            var (parseMs, checkMs) = (Median(parse), Median(check));
            totalParse += parseMs;
            totalCheck += checkMs;
            totalBest += check.Min();
            etcdCheck += entry.File.StartsWith("etcd", StringComparison.Ordinal) ? checkMs : 0;
            table.Add(entry.File, history!.Operations.Count, history.KeyCount, verdict, entry.Expected, parseMs, checkMs, check.Min());
        }

        table.Separator();
        table.Add($"corpus total ({corpus.Count} files; etcd {Ms(etcdCheck)} ms)", null, null,
            disagreements == 0 ? "all agree" : $"{disagreements} DISAGREE", $"<= {Ms(PorcupineTotalMs / 2)} ms", totalParse, totalCheck, totalBest);

        AddGenerated(table, checker, "generated 100,000 ops / 1,000 keys / 20 procs (goal < 5 s)",
            new RandomHistoryOptions { OperationCount = 100_000, KeyCount = 1_000, ProcessCount = 20, InfoProbability = 0.01 }, cancellationToken);
        AddGenerated(table, checker, "generated 10,000 ops / 1 key / 10 procs, valid (goal < 60 s)",
            new RandomHistoryOptions { OperationCount = 10_000, ProcessCount = 10, InfoProbability = 0.01 }, cancellationToken);
        AddGenerated(table, checker, "generated 10,000 ops / 1 key / 10 procs, one wrong read in 100",
            new RandomHistoryOptions { OperationCount = 10_000, ProcessCount = 10, InfoProbability = 0.01, WrongReadProbability = 0.01 }, cancellationToken);

        AddGenerated(table, checker, "generated 1,000,000 ops / 10,000 keys / 50 procs (goal: parse + check < 5 s, < 2 GB)",
            new RandomHistoryOptions { OperationCount = 1_000_000, KeyCount = 10_000, ProcessCount = 50, InfoProbability = 0.01 }, cancellationToken);

        table.WriteTo(output);
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MiB after the rows above (goal < 2 GB; includes the 1,000,000-op history's text in memory); allocated {GC.GetTotalAllocatedBytes(precise: true) / (1024 * 1024)} MiB in total; {Environment.ProcessorCount} cores; Porcupine: {PorcupineTotalMs} ms on the corpus"));
        if (perShape > 0)
        {
            output.WriteLine();
            BenchCheckStress.Run(output, null, perShape, cancellationToken);
        }

        return disagreements == 0 ? ExitCodes.Valid : ExitCodes.Invalid;
    }

    // One generated history: written with HistoryWriter and read back, so parsing is timed as for a real file.
    private static void AddGenerated(BenchTable table, LinearizabilityChecker checker, string name, RandomHistoryOptions options, CancellationToken cancellationToken)
    {
        var events = new RandomHistoryGenerator(seed: 42).Generate(options);
        using var buffer = new MemoryStream();
        using (var writer = new HistoryWriter(buffer, leaveOpen: true))
        {
            foreach (var historyEvent in events)
            {
                writer.Write(historyEvent);
            }
        }

        buffer.Position = 0;
        var stopwatch = Stopwatch.StartNew();
        using var reader = new HistoryReader(buffer, name, leaveOpen: true);
        var history = OperationHistory.Read(reader);
        var parseMs = stopwatch.Elapsed.TotalMilliseconds;
        var result = checker.Check(history, BuiltInModels.Infer(history), cancellationToken);
        var expected = options.WrongReadProbability > 0 ? "either" : "linearizable";
        table.Add(name, history.Operations.Count, history.KeyCount, Word(result.Verdict), expected, parseMs, result.Elapsed.TotalMilliseconds, null);
    }

    private static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Valid => "linearizable",
        Verdict.Invalid => "not-linearizable",
        _ => "unknown",
    };

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);

    private static string? LocateCorpus()
    {
        if (Environment.GetEnvironmentVariable("RAFTCHAOS_SHARED") is { Length: > 0 } shared)
        {
            return Path.Combine(shared, "histories", "porcupine");
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RaftChaos.sln")) && dir.Parent is { } parent)
                {
                    return Path.Combine(parent.FullName, "shared", "histories", "porcupine");
                }
            }
        }

        return null;
    }
}
