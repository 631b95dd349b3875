using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using HdrHistogram;
using RaftChaos.Controller.Targets;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos bench</c>: throughput and latency of a running cluster, every request to the leader.
/// A benchmark, not a test: figures depend on the machine and on whatever else runs on it.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var nodes = new Option<string>("--nodes") { Description = "the running cluster's nodes, HOST:PORT,... (the leader is found by Status); or use --target" };
        var targets = new Option<string>("--target") { Description = "instead of --nodes: systems to measure side by side on fresh Docker clusters, e.g. raftchaos,etcd (interleaved pairs, alike timeouts; adds leader-kill and rejoin figures)" };
        var pairs = new Option<int>("--pairs") { Description = "with --target: interleaved rounds, each a fresh cluster of every target", DefaultValueFactory = _ => 3 };
        var kills = new Option<int>("--kills") { Description = "with --target: leader SIGKILLs per cluster (time to the next acknowledged write)", DefaultValueFactory = _ => 4 };
        var rejoins = new Option<int>("--rejoins") { Description = "with --target: isolated-leader rejoins per cluster (longest gap between acknowledged writes)", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<string>("--concurrency") { Description = "client counts to measure, e.g. 1,16,64", DefaultValueFactory = _ => "1,16,64" };
        var duration = new Option<string>("--duration") { Description = "measured time per step, e.g. 20s, 500ms, 1m", DefaultValueFactory = _ => "20s" };
        var warmup = new Option<string>("--warmup") { Description = "unmeasured time before each step", DefaultValueFactory = _ => "1s" };
        var valueSize = new Option<int>("--value-size") { Description = "bytes per written value", DefaultValueFactory = _ => 256 };
        var keys = new Option<int>("--keys") { Description = "distinct keys written and read", DefaultValueFactory = _ => 1000 };
        var reads = new Option<bool>("--reads") { Description = "also measure linearizable reads (ReadIndex)" };
        var json = new Option<bool>(CliJson.Flag) { Description = "print the rows as one JSON array on standard output; progress goes to standard error" };
        var command = new Command("bench", "Measure writes/s, reads/s and latency percentiles against a running cluster")
        {
            nodes, targets, pairs, kills, rejoins, concurrency, duration, warmup, valueSize, keys, reads, json,
        };
        command.SetAction(async (r, ct) =>
        {
            var named = (r.GetValue(targets) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if ((named.Count == 0) == string.IsNullOrWhiteSpace(r.GetValue(nodes)))
            {
                return Usage("give either --nodes (a running cluster) or --target (fresh clusters of each named system)");
            }
            var addresses = new List<NodeAddress>();
            foreach (var text in (r.GetValue(nodes) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!NodeAddress.TryParse(text, out var address, out var error))
                {
                    return Usage($"--nodes: {error}");
                }
                addresses.Add(address);
            }
            var levels = new List<int>();
            foreach (var text in (r.GetValue(concurrency) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level is < 1 or > 4096)
                {
                    return Usage($"--concurrency: '{text}' is not a client count from 1 to 4096");
                }
                levels.Add(level);
            }
            if ((named.Count == 0 && addresses.Count == 0) || levels.Count == 0)
            {
                return Usage("give at least one node and one concurrency level");
            }
            if (!TryParseDuration(r.GetValue(duration), out var measured) || !TryParseDuration(r.GetValue(warmup), out var warm))
            {
                return Usage("--duration and --warmup take a number with ms, s or m (e.g. 20s)");
            }
            var size = r.GetValue(valueSize);
            var keyCount = r.GetValue(keys);
            if (size < 0 || keyCount < 1)
            {
                return Usage("--value-size must be >= 0 and --keys >= 1");
            }
            var asJson = r.GetValue(json);
            if (named.Count > 0)
            {
                if (named.FirstOrDefault(n => BenchSideBySide.Create(n) is null) is { } unknown)
                {
                    return Usage($"--target: unknown system '{unknown}' (known: {string.Join(", ", SystemsUnderTest.Names)})");
                }
                if (r.GetValue(pairs) < 1 || r.GetValue(kills) < 0 || r.GetValue(rejoins) < 0)
                {
                    return Usage("--pairs must be >= 1, --kills and --rejoins >= 0");
                }
                var settings = new BenchSideBySide.Settings(named, levels, measured, warm, size, keyCount, r.GetValue(reads), r.GetValue(pairs), r.GetValue(kills), r.GetValue(rejoins));
                return await BenchSideBySide.RunAsync(settings, asJson ? Console.Error : Console.Out, asJson
                    ? (samples, lines) => Console.Out.WriteLine(CliJson.Serialize(new { samples, figures = lines.Select(BenchComparison.ToDocument) }))
                    : null, ct);
            }
            return await RunAsync(addresses, levels, measured, warm, size, keyCount, r.GetValue(reads), asJson ? Console.Error : Console.Out,
                asJson ? rows => Console.Out.WriteLine(CliJson.Serialize(rows.Select(row => row.ToDocument()))) : null, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(List<NodeAddress> nodes, List<int> levels, TimeSpan duration, TimeSpan warmup,
        int valueSize, int keys, bool reads, TextWriter output, Action<IReadOnlyList<BenchRow>>? onRows, CancellationToken ct)
    {
        using var target = await BenchTarget.ConnectAsync(nodes, ct);
        if (target is null)
        {
            Console.Error.WriteLine("error: no leader found within 10 s (is the cluster up? try raftchaos kv status --node ...)");
            return 1;
        }
        output.WriteLine($"leader {target.LeaderName}; {keys} keys, {valueSize}-byte values, {duration.TotalSeconds:0.#} s per step after {warmup.TotalSeconds:0.#} s warm-up");
        var value = ByteString.CopyFrom(Enumerable.Range(0, valueSize).Select(i => (byte)('a' + i % 26)).ToArray());
        var rows = new List<BenchRow>();
        foreach (var level in levels)
        {
            rows.Add(await MeasureAsync("write", level, duration, warmup, keys, target, async (client, key, token) =>
                (await client.WriteAsync(new WriteRequest { Key = key, Value = value }, cancellationToken: token)).NotLeader, ct));
            output.WriteLine(rows[^1].Format());
            if (reads)
            {
                rows.Add(await MeasureAsync("read", level, duration, warmup, keys, target, async (client, key, token) =>
                    (await client.ReadAsync(new ReadRequest { Key = key }, cancellationToken: token)).NotLeader, ct));
                output.WriteLine(rows[^1].Format());
            }
        }
        if (target.Redirects > 0)
        {
            output.WriteLine($"note: leadership moved {target.Redirects} time(s) during the run; requests followed it (now {target.LeaderName})");
        }
        output.WriteLine();
        output.WriteLine(BenchRow.Header);
        foreach (var row in rows)
        {
            output.WriteLine(row.Format());
        }
        onRows?.Invoke(rows);
        return rows.All(r => r.Ok > 0) ? 0 : 1;
    }

    private static Task<BenchRow> MeasureAsync(string op, int clients, TimeSpan duration, TimeSpan warmup, int keys,
        BenchTarget target, Func<Kv.KvClient, string, CancellationToken, Task<NotLeader?>> call, CancellationToken ct) =>
        BenchEndpointLoad.MeasureLoopsAsync(op, clients, duration, warmup, keys, async (key, token) =>
        {
            try
            {
                var notLeader = await call(target.Leader, key, token);
                if (notLeader is not null)
                {
                    // Not retried: the next call goes to the leader the refusal named, this one counts as an error.
                    target.Redirect(notLeader);
                }
                return notLeader is null;
            }
            catch (RpcException) when (!token.IsCancellationRequested)
            {
                return false;
            }
        }, ct);

    private static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0)
        {
            return false;
        }
        value = TimeSpan.FromSeconds(n * scale);
        return true;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }
}
