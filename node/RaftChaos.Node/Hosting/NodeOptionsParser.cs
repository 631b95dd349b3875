using System.Globalization;
using RaftChaos.Node.Client;
using RaftChaos.Raft;

namespace RaftChaos.Node.Hosting;

/// <summary>
/// Reads <see cref="NodeOptions"/> from flags (<c>--name value</c> or <c>--name=value</c>) and environment
/// variables (<c>RAFTCHAOS_NAME</c>, e.g. <c>RAFTCHAOS_DATA_DIR</c>); a flag wins over its variable.
/// Containers are configured by variables, people by flags.
/// </summary>
internal static class NodeOptionsParser
{
    public const string Usage = """
        RaftChaos.Node: one node of a Raft-replicated key-value store (gRPC over h2c).

        Flags (each also as an environment variable, e.g. --data-dir = RAFTCHAOS_DATA_DIR):
          --id ID                  this node's id (default n1)
          --peers ID=HOST:PORT,... every member of the cluster, this node's own entry included or not;
                                   empty = a single-node cluster (default)
          --listen HOST:PORT       gRPC listen address (default 0.0.0.0:5000)
          --data-dir DIR           write-ahead log and snapshots (default ./data)
          --tick-ms N              length of one Raft tick (default 20)
          --election-ticks N       election timeout in ticks, randomized in [N, 2N) (default 10)
          --heartbeat-ticks N      heartbeat interval in ticks (default 2)
          --unsafe BUG[,BUG]       bug switches: stale-reads, lease-reads, forget-vote, commit-old-term,
                                   ack-before-persist, continue-after-fsync-error, membership-on-append
                                   (default none; repeatable)
          --max-value-bytes N      largest value accepted (default 1048576)
          --snapshot-entries N     snapshot and compact every N applied entries (default 10000)
          --failpoint NAME=P       chaos testing only: the node SIGKILLs itself with probability P (0 < P <= 1)
                                   at one place: crash-after-vote (right after it sends a granted vote) or
                                   crash-before-first-append (a new leader, once its first entries are on its
                                   own disk, before it sends them); default off
          --failpoint-seed N       seed of the failpoint's coin flips (default 0)
          --failpoint-file PATH    the failpoint fires only while PATH exists (armed and disarmed from outside)
          --disk-fault-file PATH   chaos testing only: before each fsync of its log the node reads PATH (when it
                                   exists): fsync-delay=MS stalls the sync, fsync-error fails it with EIO (the
                                   batch lost on disk; the node stops), empty or none is a healthy disk
          --health-probe           call Status on the local node and exit 0 if it answers (for HEALTHCHECK)
          --help                   this text
        """;

    private static readonly string[] ValueFlags =
        ["id", "peers", "listen", "data-dir", "tick-ms", "election-ticks", "heartbeat-ticks", "unsafe", "max-value-bytes", "snapshot-entries", "failpoint", "failpoint-seed", "failpoint-file", "disk-fault-file"];

    /// <summary>Parses <paramref name="args"/>, falling back to <paramref name="environment"/> for flags not given.</summary>
    public static NodeOptionsParseResult Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var flags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var healthProbe = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                return NodeOptionsParseResult.Help;
            }
            if (arg == "--health-probe")
            {
                healthProbe = true;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                return NodeOptionsParseResult.Fail($"unexpected argument '{arg}' (see --help)");
            }
            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            if (!ValueFlags.Contains(name))
            {
                return NodeOptionsParseResult.Fail($"unknown flag '--{name}' (see --help)");
            }
            string value;
            if (eq > 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                return NodeOptionsParseResult.Fail($"flag '--{name}' needs a value");
            }
            if (!flags.TryGetValue(name, out var values))
            {
                flags[name] = values = [];
            }
            values.Add(value);
        }

        string? Get(string name) =>
            flags.TryGetValue(name, out var v) ? v[^1] : environment("RAFTCHAOS_" + name.Replace('-', '_').ToUpperInvariant());

        var errors = new List<string>();
        var id = Get("id") is { Length: > 0 } givenId ? givenId.Trim() : "n1";
        if (id.Contains('=') || id.Contains(','))
        {
            errors.Add($"--id '{id}' must not contain '=' or ','");
        }
        var listen = ParseAddress("listen", Get("listen") ?? "0.0.0.0:5000", errors);
        var peers = ParsePeers(Get("peers"), id, errors, out var self);
        var tickMs = ParseInt("tick-ms", Get("tick-ms"), 20, 1, 10_000, errors);
        var electionTicks = ParseInt("election-ticks", Get("election-ticks"), 10, 2, 100_000, errors);
        var heartbeatTicks = ParseInt("heartbeat-ticks", Get("heartbeat-ticks"), 2, 1, 100_000, errors);
        if (heartbeatTicks >= electionTicks)
        {
            errors.Add($"--heartbeat-ticks ({heartbeatTicks}) must be smaller than --election-ticks ({electionTicks})");
        }
        var maxValue = ParseInt("max-value-bytes", Get("max-value-bytes"), 1024 * 1024, 0, 32 * 1024 * 1024, errors);
        var snapshotEntries = ParseInt("snapshot-entries", Get("snapshot-entries"), 10_000, 1, int.MaxValue, errors);
        var unsafeSwitches = ParseUnsafe(flags.TryGetValue("unsafe", out var u) ? u : [environment("RAFTCHAOS_UNSAFE") ?? ""], errors);
        var dataDir = Get("data-dir") is { Length: > 0 } dir ? dir : "data";
        var failpoint = ParseFailpoint(Get("failpoint"), errors);
        var failpointSeed = ParseInt("failpoint-seed", Get("failpoint-seed"), 0, int.MinValue, int.MaxValue, errors);

        if (errors.Count > 0)
        {
            return NodeOptionsParseResult.Fail(string.Join(Environment.NewLine, errors));
        }
        var advertise = self ?? (listen!.Host is "0.0.0.0" or "::" ? listen with { Host = "127.0.0.1" } : listen!);
        return NodeOptionsParseResult.Ok(new NodeOptions
        {
            Id = id,
            Peers = peers,
            Listen = listen!,
            Advertise = advertise,
            DataDir = dataDir,
            TickMs = tickMs,
            ElectionTicks = electionTicks,
            HeartbeatTicks = heartbeatTicks,
            Unsafe = unsafeSwitches,
            MaxValueBytes = maxValue,
            SnapshotEntries = snapshotEntries,
            HealthProbe = healthProbe,
            Failpoint = failpoint,
            FailpointSeed = failpointSeed,
            FailpointFile = Get("failpoint-file") is { Length: > 0 } armFile ? armFile : null,
            DiskFaultFile = Get("disk-fault-file") is { Length: > 0 } diskFile ? diskFile : null,
        });
    }

    /// <summary><c>NAME=P</c> → the failpoint; empty → null (off).</summary>
    private static FailpointSpec? ParseFailpoint(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!FailpointSpec.TryParse(text, out var spec, out var error))
        {
            errors.Add($"--failpoint: {error}");
            return null;
        }
        return spec;
    }

    private static NodeAddress? ParseAddress(string flag, string text, List<string> errors)
    {
        if (NodeAddress.TryParse(text, out var address, out var error))
        {
            return address;
        }
        errors.Add($"--{flag}: {error}");
        return null;
    }

    private static List<PeerSpec> ParsePeers(string? text, string selfId, List<string> errors, out NodeAddress? self)
    {
        self = null;
        var peers = new List<PeerSpec>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return peers;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=');
            if (eq <= 0)
            {
                errors.Add($"--peers: '{item}' must be ID=HOST:PORT");
                continue;
            }
            var id = item[..eq].Trim();
            if (!seen.Add(id))
            {
                errors.Add($"--peers: id '{id}' appears twice");
                continue;
            }
            if (!NodeAddress.TryParse(item[(eq + 1)..], out var address, out var error))
            {
                errors.Add($"--peers: {id}: {error}");
                continue;
            }
            if (id == selfId)
            {
                self = address;
            }
            else
            {
                peers.Add(new PeerSpec(id, address));
            }
        }
        return peers;
    }

    private static int ParseInt(string flag, string? text, int fallback, int min, int max, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors.Add($"--{flag} must be a whole number from {min} to {max}, got '{text}'");
        return fallback;
    }

    private static HashSet<string> ParseUnsafe(IEnumerable<string> values, List<string> errors)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var normalized = name.StartsWith("unsafe-", StringComparison.Ordinal) ? name["unsafe-".Length..] : name;
            if (UnsafeBugNames.All.Contains(normalized))
            {
                set.Add(normalized);
            }
            else
            {
                errors.Add($"--unsafe: unknown switch '{name}' (known: {string.Join(", ", UnsafeBugNames.All)})");
            }
        }
        return set;
    }
}
