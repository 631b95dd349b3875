namespace RaftChaos.Controller.Targets;

/// <summary>
/// How etcd runs as a target (<see cref="EtcdTarget"/>). Immutable: a variant is made with <c>with</c>. Defaults
/// documented per property; <see cref="Validate"/> runs once, when the target is made.
/// </summary>
public sealed record EtcdTargetOptions
{
    /// <summary>
    /// etcd's <c>--heartbeat-interval</c> in ms. Default: 50, so that with <see cref="ElectionTimeoutMs"/> the ratio is
    /// etcd's own default (1:10) and the election timeout is our node's (20 ms ticks × 10 + a random 0..10 ticks).
    /// </summary>
    public int HeartbeatIntervalMs { get; init; } = 50;

    /// <summary>etcd's <c>--election-timeout</c> in ms. Default: 500 (etcd's default is 1000).</summary>
    public int ElectionTimeoutMs { get; init; } = 500;

    /// <summary>
    /// etcd's <c>--pre-vote</c>. Default: false, etcd 3.4's own default: a member that was cut off comes back with a
    /// higher term and disrupts the leader, which is part of what a side-by-side run measures.
    /// </summary>
    public bool PreVote { get; init; }

    /// <summary>The image. Default: null, meaning <see cref="Images.EtcdImage.EnsureAsync"/> (built when etcd/Dockerfile or the base changed).</summary>
    public string? Image { get; init; }

    /// <summary>The repository root for the image build. Default: null, found from the current directory or the assembly.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (HeartbeatIntervalMs < 1) throw new ArgumentOutOfRangeException(nameof(HeartbeatIntervalMs), HeartbeatIntervalMs, "must be positive");
        // etcd refuses to start otherwise ("--election-timeout should be at least as 5 times as --heartbeat-interval").
        if (ElectionTimeoutMs < 5 * HeartbeatIntervalMs)
            throw new ArgumentOutOfRangeException(nameof(ElectionTimeoutMs), ElectionTimeoutMs, $"must be at least 5 × the heartbeat interval ({5 * HeartbeatIntervalMs} ms), as etcd requires");
    }
}
