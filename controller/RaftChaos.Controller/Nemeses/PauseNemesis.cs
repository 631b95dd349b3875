using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// Process pauses: each start freezes one random node or the current leader (docker pause); stop thaws it. Records
/// <c>pause</c> and <c>resume</c> with the node list as value.
/// </summary>
public sealed class PauseNemesis : INemesis
{
    /// <summary>The target choices, in the order the random picks from.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["one", "leader"];

    private string? _paused;

    /// <inheritdoc />
    public string Kind => "pause";

    /// <inheritdoc />
    public TargetCapabilities Requires => TargetCapabilities.Pause;

    /// <inheritdoc />
    public string? Active { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        var mode = Modes[context.Random.Next(Modes.Count)];
        var random = cluster.NodeIds[context.Random.Next(cluster.NodeIds.Count)];
        _paused = mode == "leader" ? await cluster.LeaderAsync(cancellationToken).ConfigureAwait(false) ?? random : random;
        context.Record("pause", NemesisContext.Nodes([_paused]));
        Active = $"pause {mode} {_paused}";
        await cluster.PauseAsync(_paused, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
    {
        if (Active is null || _paused is null) return;
        await context.Cluster.ResumeAsync(_paused, cancellationToken).ConfigureAwait(false);
        context.Record("resume", NemesisContext.Nodes([_paused]));
        _paused = null;
        Active = null;
    }
}
