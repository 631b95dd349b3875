using Grpc.Core;
using Grpc.Net.Client;
using RaftChaos.Checker.History;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads.Clients;

/// <summary>
/// <see cref="IKvEndpoint"/> over the node's gRPC API. One instance per node, shared by every process bound to that
/// node (a channel multiplexes concurrent calls). Reads are linearizable (no <c>stale_ok</c>).
/// </summary>
public sealed class GrpcKvEndpoint : IKvEndpoint, IDisposable
{
    private readonly Kv.KvClient client;
    private readonly GrpcChannel? ownedChannel;

    /// <summary>An endpoint on an existing client; the caller keeps ownership of its channel.</summary>
    /// <param name="node">The node's name for logs.</param>
    /// <param name="client">The generated client.</param>
    public GrpcKvEndpoint(string node, Kv.KvClient client)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(client);
        Node = node;
        this.client = client;
    }

    private GrpcKvEndpoint(string node, GrpcChannel channel)
        : this(node, new Kv.KvClient(channel)) => ownedChannel = channel;

    /// <inheritdoc />
    public string Node { get; }

    /// <summary>Opens a channel to <paramref name="address"/> that this endpoint owns and disposes.</summary>
    /// <param name="address">The node's client API (for Docker nodes: the port published on 127.0.0.1).</param>
    /// <param name="node">The node's name for logs; default the address.</param>
    /// <param name="options">Channel settings; default <see cref="NodeChannelOptions"/>'s.</param>
    public static GrpcKvEndpoint Connect(NodeAddress address, string? node = null, NodeChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new GrpcKvEndpoint(node ?? address.ToString(), NodeChannels.Create(address, options));
    }

    /// <inheritdoc />
    public async Task<OperationOutcome> ExecuteAsync(WorkloadOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            return operation.F switch
            {
                WorkloadOperation.Functions.Read => OutcomeClassifier.FromReply(
                    await client.ReadAsync(new ReadRequest { Key = operation.NodeKey }, cancellationToken: cancellationToken)
                        .ConfigureAwait(false)),
                WorkloadOperation.Functions.Write => OutcomeClassifier.FromReply(
                    await client.WriteAsync(
                            new WriteRequest { Key = operation.NodeKey, Value = NodeValueCodec.Encode(operation.Value) },
                            cancellationToken: cancellationToken)
                        .ConfigureAwait(false)),
                WorkloadOperation.Functions.Cas => OutcomeClassifier.FromReply(
                    await client.CasAsync(CasRequestOf(operation), cancellationToken: cancellationToken).ConfigureAwait(false)),
                _ => throw new ArgumentException($"the gRPC endpoint does not support '{operation.F}'", nameof(operation)),
            };
        }
        catch (RpcException error)
        {
            return OutcomeClassifier.FromRpcError(operation, error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Grpc.Net.Client reports our own cancellation as RpcException(Cancelled) unless configured otherwise;
            // either way the request may already be on the wire.
            return OutcomeClassifier.Ambiguous(operation, "cancelled (timeout or stop) after the call started");
        }
    }

    /// <inheritdoc />
    public void Dispose() => ownedChannel?.Dispose();

    private static CasRequest CasRequestOf(WorkloadOperation operation)
    {
        if (operation.Value is not ListValue { Items: [var expected, var replacement] })
        {
            throw new ArgumentException($"a cas value must be [expected, new], got {operation.Value}", nameof(operation));
        }

        var request = new CasRequest { Key = operation.NodeKey, Value = NodeValueCodec.Encode(replacement) };
        if (expected.IsNull)
        {
            request.ExpectAbsent = true;
        }
        else
        {
            request.Expected = NodeValueCodec.Encode(expected);
        }

        return request;
    }
}
