using RaftChaos.TestSupport;

namespace RaftChaos.Node.Tests;

/// <summary>Loopback ports nobody listens on (see <see cref="LoopbackPorts"/>).</summary>
internal static class FreePort
{
    public static int Next() => LoopbackPorts.Next();
}
