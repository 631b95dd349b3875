using System.Net;
using System.Net.Sockets;

namespace RaftChaos.Node.Tests;

/// <summary>Loopback ports nobody listens on (asked from the kernel, then released for the node to take).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
