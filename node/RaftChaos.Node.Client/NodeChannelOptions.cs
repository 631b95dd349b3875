namespace RaftChaos.Node.Client;

/// <summary>How channels to a node behave. Defaults suit a chaos bed: fail fast, notice dead peers quickly.</summary>
public sealed class NodeChannelOptions
{
    /// <summary>Time allowed to open a TCP connection. Default 1 s: a partitioned node should be noticed
    /// quickly instead of waiting for the kernel's SYN retries (more than a minute).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Interval of HTTP/2 keep-alive pings on an idle or busy connection. Default 1 s.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A connection whose ping is not answered within this time is closed. Default 2 s: after an
    /// iptables DROP heals, TCP retransmission back-off could otherwise keep a stream silent for long.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The shortest time between two renewals of a workload endpoint's channel after probes that got no answer
    /// (<see cref="RenewableChannel"/>). Default 5 s.</summary>
    public TimeSpan MinimumRenewalInterval { get; set; } = RenewableChannel.DefaultMinimumInterval;

    /// <summary>Largest message sent or received. Default 64 MiB: snapshots travel as one message.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;
}
