using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Networking;

/// <summary>
/// The address at which the containers of every engine of a cluster that spans engines reach what one engine publishes
/// (docs/multi-engine.md): a remote engine's host (an address as written, or its name resolved here once, since
/// iptables rules need an address); for a local engine, this host's address on the interface of its default route.
/// Not 127.0.0.1: in a container that is the container itself.
/// </summary>
public static class PeerHost
{
    /// <summary>The peer host address of <paramref name="endpoint"/>'s published ports (IPv4).</summary>
    /// <exception cref="InvalidOperationException">No such address: the message says what is missing.</exception>
    public static async Task<IPAddress> ResolveAsync(EngineEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.IsLocal) return ThisHost();
        if (IPAddress.TryParse(endpoint.Uri.Host, out var address)) return address;
        var addresses = await Dns.GetHostAddressesAsync(endpoint.Uri.Host, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
        return addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"the engine host {endpoint.Uri.Host} ({endpoint}) has no IPv4 address: the nodes on the other engines could not reach its nodes");
    }

    /// <summary>
    /// This host's IPv4 address on an interface that is up and has a default gateway (the address other hosts, and the
    /// containers of every engine here, reach it at).
    /// </summary>
    /// <exception cref="InvalidOperationException">No interface has one.</exception>
    public static IPAddress ThisHost()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .Select(i => i.GetIPProperties())
            .Where(p => p.GatewayAddresses.Any(g => g.Address.AddressFamily == AddressFamily.InterNetwork && !g.Address.Equals(IPAddress.Any)))
            .SelectMany(p => p.UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return address ?? throw new InvalidOperationException(
            "this host has no IPv4 address on an interface with a default route: the containers of the other engines would have no address to reach this engine's nodes at");
    }
}
