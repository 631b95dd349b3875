using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;
using RaftChaos.Node.Client;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// One gRPC call to one node for <c>kv</c> and <c>admin</c>: checks <c>--node</c> and <c>--timeout</c> (exit 64), makes
/// the channel, prints the call's answer or error, and maps an RpcException to the kv exit codes (<see cref="KvCallFailure"/>).
/// </summary>
internal static class NodeCall
{
    /// <summary>
    /// The <c>--node</c> option both commands take: HOST:PORT, from $RAFTCHAOS_NODE when set, else 127.0.0.1:5000.
    /// <paramref name="note"/> adds what the command needs of the node (e.g. that changes go to the leader).
    /// </summary>
    public static Option<string> NodeOption(string? note = null) => new("--node", "-n")
    {
        Description = "the node's HOST:PORT ($RAFTCHAOS_NODE when set)" + (note is null ? "" : "; " + note),
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RAFTCHAOS_NODE") is { Length: > 0 } n ? n : "127.0.0.1:5000",
    };

    /// <summary>Runs <paramref name="call"/> on a client of type <typeparamref name="TClient"/> made by <paramref name="client"/>.</summary>
    public static async Task<int> RunAsync<TClient>(
        ParseResult r,
        Option<string> nodeOption,
        Option<double> timeoutOption,
        bool mutating,
        Func<GrpcChannel, TClient> client,
        Func<TClient, CallOptions, Task<(string? Out, string? Error, int Code)>> call,
        CancellationToken ct)
    {
        var node = r.GetValue(nodeOption) ?? "";
        if (!NodeAddress.TryParse(node, out var address, out var error))
        {
            r.InvocationConfiguration.Error.WriteLine($"error: --node: {error}");
            return ExitCodes.Usage;
        }
        var seconds = r.GetValue(timeoutOption);
        if (seconds <= 0)
        {
            r.InvocationConfiguration.Error.WriteLine("error: --timeout must be positive");
            return ExitCodes.Usage;
        }
        using var channel = NodeChannels.Create(address);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(seconds), cancellationToken: ct);
        try
        {
            var (output, failure, code) = await call(client(channel), options).ConfigureAwait(false);
            if (output is not null)
            {
                r.InvocationConfiguration.Output.WriteLine(output);
            }
            if (failure is not null)
            {
                r.InvocationConfiguration.Error.WriteLine($"error: {failure}");
            }
            return code;
        }
        catch (RpcException e)
        {
            var (message, code) = KvCallFailure.From(e, address.ToString(), mutating);
            r.InvocationConfiguration.Error.WriteLine($"error: {message}");
            return code;
        }
    }
}
