using Grpc.Net.Client;

namespace RaftChaos.Node.Client;

/// <summary>
/// A gRPC channel to one node that a workload endpoint can replace with a fresh one when the node stops answering:
/// a new channel has a new connection pool, so nothing the old one learned (a connection the engine's port proxy left
/// half open across a restart, a sub-channel in back-off) can keep a node that answers again cut off.
/// </summary>
/// <remarks>
/// Seen once against etcd (docs/validation.md, etcd night, run 08): after a member was SIGKILLed and started again, its
/// endpoint's status probes took the full 2 s operation timeout for the remaining 80 s of the run, while the member
/// answered a fresh client on the same published port. Renewing is cheap and harmless when the node is simply down, so
/// endpoints renew after a probe that got no answer, at most once per <see cref="DefaultMinimumInterval"/>.
/// Replaced channels are not disposed at once: disposing cancels the calls still running on them, and a cancelled write
/// would become an ambiguous operation in the history. They are disposed with this object.
/// </remarks>
public sealed class RenewableChannel : IDisposable
{
    /// <summary>The default shortest time between two renewals: a node that stays down costs one channel per interval.</summary>
    public static readonly TimeSpan DefaultMinimumInterval = TimeSpan.FromSeconds(5);

    private readonly Func<GrpcChannel> _factory;
    private readonly long _minimumIntervalMs;
    private readonly List<GrpcChannel> _replaced = [];
    private readonly Lock _gate = new();
    private GrpcChannel _current;
    private long _renewedAt;
    private bool _disposed;

    /// <summary>Opens the first channel with <paramref name="factory"/>, which also makes every replacement.</summary>
    /// <param name="factory">Makes a channel to the node.</param>
    /// <param name="minimumInterval">The shortest time between two renewals; default <see cref="DefaultMinimumInterval"/>.</param>
    public RenewableChannel(Func<GrpcChannel> factory, TimeSpan? minimumInterval = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
        _minimumIntervalMs = (long)(minimumInterval ?? DefaultMinimumInterval).TotalMilliseconds;
        _current = factory();
        _renewedAt = Environment.TickCount64;
    }

    /// <summary>A renewable channel to <paramref name="address"/> made by <see cref="NodeChannels.Create(NodeAddress, NodeChannelOptions?)"/>.</summary>
    public static RenewableChannel To(NodeAddress address, NodeChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new RenewableChannel(() => NodeChannels.Create(address, options), options?.MinimumRenewalInterval);
    }

    /// <summary>The channel to use for the next call.</summary>
    public GrpcChannel Current => Volatile.Read(ref _current);

    /// <summary>How many times the channel was replaced (for logs and tests).</summary>
    public int Renewals
    {
        get
        {
            lock (_gate)
            {
                return _replaced.Count;
            }
        }
    }

    /// <summary>
    /// Replaces <paramref name="failed"/> with a new channel unless another caller already did, or the last renewal was
    /// less than the minimum interval ago. Returns true when this call renewed it.
    /// </summary>
    public bool Renew(GrpcChannel failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        lock (_gate)
        {
            if (_disposed || !ReferenceEquals(failed, _current) || Environment.TickCount64 - _renewedAt < _minimumIntervalMs)
            {
                return false;
            }
            _replaced.Add(_current);
            Volatile.Write(ref _current, _factory());
            _renewedAt = Environment.TickCount64;
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        List<GrpcChannel> channels;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            channels = [.. _replaced, _current];
        }
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
    }
}
