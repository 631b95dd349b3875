namespace RaftChaos.Node.Transport;

/// <summary>Tuning of one peer's sender.</summary>
internal sealed class PeerSenderOptions
{
    /// <summary>Messages waiting for the stream. Default 4,096; when full, new messages are dropped:
    /// Raft retries what matters, and a slow peer must never hold up the loop or other peers.</summary>
    public int QueueCapacity { get; init; } = 4096;

    /// <summary>Most messages per batch on the stream. Default 256.</summary>
    public int MaxBatchMessages { get; init; } = 256;

    /// <summary>First delay before reconnecting after a failure. Default 50 ms; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Longest delay between reconnects. Default 250 ms: a restarted peer (killed and started again by the chaos bed)
    /// must be reachable again within about one election timeout, or the cluster waits on the back-off instead of the
    /// election (a chaos run showed a 1 s back-off delaying the first vote to a restarted node by ~1 s). A dial to an
    /// unreachable address is bounded by the channel's connect timeout anyway, so retrying often costs little.
    /// </summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A write that does not complete within this time breaks the stream (frozen or partitioned peer). Default 2 s.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
