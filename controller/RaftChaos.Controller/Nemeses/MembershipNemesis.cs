using RaftChaos.Checker.History;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// Membership changes through the leader's admin service, one mode per start, the modes taking turns in a seeded order
/// (each once per round of <see cref="Modes"/>): remove one follower (added back with its data), remove one follower and
/// wipe its disk before adding it back (a brand-new node then; wiped only once every other node has dropped it, since a
/// wiped node forgets its votes), remove the leader itself, and remove two followers with two requests sent at once (a
/// correct leader takes one change at a time and refuses the second while the first is in flight). Stop adds every
/// removed node back, one change at a time. The history gets <c>start-membership</c> with <c>[mode, [nodes]]</c>, one
/// <c>remove-member</c>/<c>add-member</c> per request with <c>[node, voters after]</c> (or <c>[node, why not]</c>),
/// <c>wipe</c> with the node, and <c>stop-membership</c> with the voters the leader reports after the heal.
/// </summary>
public sealed class MembershipNemesis : INemesis
{
    /// <summary>The modes, in the order a round is shuffled from.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["remove-follower", "remove-follower-wipe", "remove-leader", "remove-two-followers"];

    /// <summary>Add-back requests per removed node before Stop leaves it to the cluster's final heal.</summary>
    private const int AddBackAttempts = 20;

    /// <summary>Looks at the other nodes' voters this many times (half a second apart) before wiping a removed node.</summary>
    private const int WipeChecks = 10;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    private readonly Queue<string> _round = new();
    private List<string> _removed = [];
    private bool _wipe;

    /// <inheritdoc />
    public string Kind => "membership";

    /// <inheritdoc />
    public TargetCapabilities Requires => TargetCapabilities.Membership | TargetCapabilities.LeaderDiscovery | TargetCapabilities.Kill;

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cluster = context.Cluster;
        if (_round.Count == 0)
        {
            var shuffled = Modes.ToArray();
            context.Random.Shuffle(shuffled);
            foreach (var m in shuffled) _round.Enqueue(m);
        }
        var mode = _round.Dequeue();
        var followers = cluster.NodeIds.ToArray();
        context.Random.Shuffle(followers);
        var leader = await cluster.LeaderAsync(cancellationToken).ConfigureAwait(false);
        var voters = leader is null ? null : await cluster.MembersAsync(leader, cancellationToken).ConfigureAwait(false);
        if (leader is null || voters is null)
        {
            return; // no leader to ask: nothing is changed (and nothing recorded) this time
        }
        var candidates = followers.Where(id => id != leader && voters.Contains(id)).ToList();
        List<string> targets = mode switch
        {
            "remove-leader" => [leader],
            "remove-two-followers" => [.. candidates.Take(2)],
            _ => [.. candidates.Take(1)],
        };
        _wipe = mode == "remove-follower-wipe";
        context.Record("start-membership", HistoryValue.ListOf(HistoryValue.Of(mode), NemesisContext.Nodes(targets)));
        Active = $"membership {mode} {string.Join(",", targets)}";
        // All requests at once: for two followers, the second arrives while the first is in flight.
        var results = await Task.WhenAll(targets.Select(t => cluster.ChangeMembershipAsync(leader, add: false, t, cancellationToken))).ConfigureAwait(false);
        _removed = [];
        foreach (var (target, result) in targets.Zip(results))
        {
            context.Record("remove-member", Outcome(target, result));
            // An unknown outcome may still take effect: Stop adds the node back if it is missing then.
            if (result.Done || result.Unknown is not null) _removed.Add(target);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Active is null) return;
        var cluster = context.Cluster;
        foreach (var target in _removed)
        {
            if (_wipe && await DroppedEverywhereAsync(context, target, cancellationToken).ConfigureAwait(false))
            {
                await cluster.WipeAsync(target, cancellationToken).ConfigureAwait(false);
                context.Record("wipe", NemesisContext.Nodes([target]));
            }
            await AddBackAsync(context, target, cancellationToken).ConfigureAwait(false);
        }
        var leader = await cluster.LeaderAsync(cancellationToken).ConfigureAwait(false);
        var voters = leader is null ? null : await cluster.MembersAsync(leader, cancellationToken).ConfigureAwait(false);
        context.Record("stop-membership", voters is null ? HistoryValue.Of("no leader answered") : NemesisContext.Nodes(voters));
        _removed = [];
        Active = null;
    }

    /// <summary>Asks the leader of the moment to add <paramref name="target"/> back until it is a voter there (each request recorded).</summary>
    private static async Task AddBackAsync(NemesisContext context, string target, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        for (var attempt = 0; attempt < AddBackAttempts; attempt++)
        {
            var leader = await cluster.LeaderAsync(cancellationToken).ConfigureAwait(false);
            var voters = leader is null ? null : await cluster.MembersAsync(leader, cancellationToken).ConfigureAwait(false);
            if (voters is not null && voters.Contains(target)) return;
            if (leader is not null && voters is not null)
            {
                var result = await cluster.ChangeMembershipAsync(leader, add: true, target, cancellationToken).ConfigureAwait(false);
                context.Record("add-member", Outcome(target, result));
                if (result.Done) return;
            }
            await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True once every other node answers with voters that lack <paramref name="target"/> (looked at a bounded number of times).</summary>
    private static async Task<bool> DroppedEverywhereAsync(NemesisContext context, string target, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        for (var check = 0; check < WipeChecks; check++)
        {
            var views = await Task.WhenAll(cluster.NodeIds.Where(id => id != target).Select(id => cluster.MembersAsync(id, cancellationToken))).ConfigureAwait(false);
            if (views.All(v => v is not null && !v.Contains(target))) return true;
            await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    private static HistoryValue Outcome(string target, MembershipChangeResult result) =>
        HistoryValue.ListOf(HistoryValue.Of(target), result.Voters is { } voters ? NemesisContext.Nodes(voters) : HistoryValue.Of(result.ToString()));
}
