using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// Crashes: each start SIGKILLs one node, a minority, a majority, every node, or the current leader (their data
/// stays); stop starts them again. Killing a majority or all at once (Jepsen's <c>:majority</c> and <c>:all</c>
/// targets) is the power cut that tests durability: a node that acknowledged entries before syncing them loses them
/// on every node together, which a single kill never shows because the survivors still hold the entries.
/// Records <c>kill</c> and <c>start</c> with the node list as value. A kill that hits the leader is remembered in
/// <see cref="NemesisContext.LeaderKills"/> for the failover figures.
/// </summary>
public sealed class KillNemesis : INemesis
{
    /// <summary>The target choices, in the order the random picks from.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["one", "minority", "leader", "majority", "all"];

    private List<string> _killed = [];

    /// <inheritdoc />
    public string Kind => "kill";

    /// <inheritdoc />
    public TargetCapabilities Requires => TargetCapabilities.Kill;

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        var mode = Modes[context.Random.Next(Modes.Count)];
        var leader = await cluster.LeaderAsync(cancellationToken).ConfigureAwait(false);
        var minority = Math.Max(1, (cluster.NodeIds.Count - 1) / 2);
        var shuffled = cluster.NodeIds.ToArray();
        context.Random.Shuffle(shuffled);
        _killed = mode switch
        {
            "leader" when leader is not null => [leader],
            "minority" => [.. shuffled.Take(minority)],
            "majority" => [.. shuffled.Take((cluster.NodeIds.Count / 2) + 1)],
            "all" => [.. shuffled],
            _ => [shuffled[0]],
        };
        var time = context.Record("kill", NemesisContext.Nodes(_killed));
        if (leader is not null && _killed.Contains(leader)) context.LeaderKills.Enqueue(new LeaderKill(leader, time));
        Active = $"kill {mode} {string.Join(",", _killed)}";
        await Task.WhenAll(_killed.Select(n => cluster.KillAsync(n, cancellationToken))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        if (Active is null) return;
        await Task.WhenAll(_killed.Select(n => context.Cluster.StartNodeAsync(n, cancellationToken))).ConfigureAwait(false);
        context.Record("start", NemesisContext.Nodes(_killed));
        _killed = [];
        Active = null;
    }
}
