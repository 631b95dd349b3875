using Grpc.Core;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;

namespace RaftChaos.Node.Hosting;

/// <summary>
/// <c>--health-probe</c>: calls Status on the node in this container and exits 0 if it answers. The image has
/// no curl, and an HTTP probe would not speak h2c anyway; the node binary itself is the probe.
/// A node without a leader is still healthy: it answers, and a partition is the nemesis's business.
/// </summary>
internal static class HealthProbe
{
    public static async Task<int> RunAsync(NodeOptions options, CancellationToken cancellationToken)
    {
        var host = options.Listen.Host is "0.0.0.0" or "::" or "*" ? "127.0.0.1" : options.Listen.Host;
        using var channel = NodeChannels.Create(new NodeAddress(host, options.Listen.Port));
        var client = new Kv.KvClient(channel);
        try
        {
            var status = await client.StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(3), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            Console.WriteLine($"ok id={status.Id} role={status.Role} term={status.Term} leader={status.LeaderId}");
            return 0;
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"unhealthy: {e.StatusCode}: {e.Status.Detail}");
            return 1;
        }
    }
}
