using System.Net;
using System.Net.Sockets;

namespace RaftChaos.TestSupport;

/// <summary>
/// Loopback ports nobody listens on, for node processes the tests start. Taken from below Linux's ephemeral range
/// (32768-60999): a port from <c>bind(0)</c> can be handed to some outgoing connection of a test running in parallel
/// before the node binds it. A random start keeps test projects that run at the same time apart.
/// </summary>
public static class LoopbackPorts
{
    private const int First = 20000;
    private const int Count = 12000;

    /// <summary>A port on 127.0.0.1 that was free a moment ago.</summary>
    public static int Next()
    {
        var start = Random.Shared.Next(Count);
        for (var i = 0; i < Count; i++)
        {
            var port = First + ((start + i) % Count);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }

        throw new InvalidOperationException($"no free port on 127.0.0.1 in {First}-{First + Count - 1}");
    }
}
