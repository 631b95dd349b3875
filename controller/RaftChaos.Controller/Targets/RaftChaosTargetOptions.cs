using RaftChaos.Controller.Images;
using RaftChaos.Node.Client;
using RaftChaos.Raft;

namespace RaftChaos.Controller.Targets;

/// <summary>
/// How our own node runs as a target (<see cref="RaftChaosTarget"/>). Immutable: a variant is made with <c>with</c>.
/// Defaults documented per property; <see cref="Validate"/> runs once, when the target is made.
/// </summary>
public sealed record RaftChaosTargetOptions
{
    /// <summary>Bug switches passed to every node as <c>--unsafe</c> (names: <see cref="UnsafeBugNames"/>). Default: none.</summary>
    public UnsafeBug Unsafe { get; init; } = UnsafeBug.None;

    /// <summary>
    /// A crash failpoint passed to every node as <c>--failpoint</c> (the node SIGKILLs itself at that place, see
    /// <see cref="FailpointSpec"/>). Each node then runs under a supervisor in its container that starts it again at
    /// once after a SIGKILL. Node i draws its coins from the run's seed + i. Default: none.
    /// </summary>
    public FailpointSpec? Failpoint { get; init; }

    /// <summary>The node's --tick-ms. Default: null, the node's own default (20 ms).</summary>
    public int? TickMs { get; init; }

    /// <summary>The node's --election-ticks. Default: null, the node's own default (10).</summary>
    public int? ElectionTicks { get; init; }

    /// <summary>The node's --heartbeat-ticks. Default: null, the node's own default (2).</summary>
    public int? HeartbeatTicks { get; init; }

    /// <summary>The node image. Default: null, meaning <see cref="NodeImage.EnsureAsync"/> (built when the sources changed).</summary>
    public string? Image { get; init; }

    /// <summary>How the image is found or built when <see cref="Image"/> is null. Default: <see cref="NodeImageOptions"/>'s.</summary>
    public NodeImageOptions ImageOptions { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if ((Unsafe & ~UnsafeBugNames.Parse(string.Join(",", UnsafeBugNames.All))) != UnsafeBug.None)
            throw new ArgumentOutOfRangeException(nameof(Unsafe), Unsafe, $"unknown bug switch; known: {string.Join(", ", UnsafeBugNames.All)}");
        if (Failpoint is { } failpoint && !FailpointSpec.TryParse(failpoint.ToString(), out _, out var error))
            throw new ArgumentException(error, nameof(Failpoint));
        if (TickMs is < 1) throw new ArgumentOutOfRangeException(nameof(TickMs), TickMs, "must be positive");
        if (ElectionTicks is < 1) throw new ArgumentOutOfRangeException(nameof(ElectionTicks), ElectionTicks, "must be positive");
        if (HeartbeatTicks is < 1) throw new ArgumentOutOfRangeException(nameof(HeartbeatTicks), HeartbeatTicks, "must be positive");
    }
}
