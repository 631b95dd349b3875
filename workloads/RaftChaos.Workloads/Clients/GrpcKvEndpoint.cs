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
/// <remarks>
/// <b>Probe before sending to a suspect node.</b> Once a call on this endpoint ended without a reply (node killed,
/// paused, restarting, cut off), the endpoint is <em>suspect</em>: the next operation first asks the node for its
/// Status, and is sent only when that answers. When the probe gets no answer the operation was never sent, so it is a
/// definite <c>fail</c> (<c>probe-failed</c>), also when the operation's timeout cut the probe short. Without the probe every operation against a restarting node behind the engine's port proxy
/// (which accepts the connection, then resets it while the node starts) was an ambiguous <c>info</c>: over a thousand
/// per minute of kills, each a write the checker may place anywhere after its invocation, which hides anomalies.
/// The probe is not a retry: the operation is sent at most once, and its outcome is recorded as it ends.
/// </remarks>
public sealed class GrpcKvEndpoint : IKvEndpoint, IDisposable
{
    private readonly Kv.KvClient? _fixedClient;
    private readonly RenewableChannel? _ownedChannel;
    private volatile bool _suspect;

    /// <summary>An endpoint on an existing client; the caller keeps ownership of its channel.</summary>
    /// <param name="node">The node's name for logs.</param>
    /// <param name="client">The generated client.</param>
    public GrpcKvEndpoint(string node, Kv.KvClient client)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(client);
        Node = node;
        _fixedClient = client;
    }

    private GrpcKvEndpoint(string node, RenewableChannel channel)
    {
        Node = node;
        _ownedChannel = channel;
    }

    /// <inheritdoc />
    public string Node { get; }

    /// <summary>Opens a channel to <paramref name="address"/> that this endpoint owns and disposes.</summary>
    /// <param name="address">The node's client API (for Docker nodes: the port published on 127.0.0.1).</param>
    /// <param name="node">The node's name for logs; default the address.</param>
    /// <param name="options">Channel settings; default <see cref="NodeChannelOptions"/>'s.</param>
    public static GrpcKvEndpoint Connect(NodeAddress address, string? node = null, NodeChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new GrpcKvEndpoint(node ?? address.ToString(), RenewableChannel.To(address, options));
    }

    /// <inheritdoc />
    public async Task<OperationOutcome> ExecuteAsync(WorkloadOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (_suspect && await ProbeAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            return OperationOutcome.Fail("not sent: " + unreachable, ErrorCode.ProbeFailed);
        }
        var (outcome, answered) = await SendAsync(operation, cancellationToken).ConfigureAwait(false);
        _suspect = !answered;
        return outcome;
    }

    /// <summary>True once a call on this endpoint ended without the node's reply, until a probe or call is answered.</summary>
    public bool Suspect => _suspect;

    /// <summary>How often a probe that got no answer replaced the owned channel (see <see cref="RenewableChannel"/>).</summary>
    public int ChannelRenewals => _ownedChannel?.Renewals ?? 0;

    // The generated client is a thin wrapper over a call invoker: made per call on an owned channel, so a renewed
    // channel is used at once.
    private Kv.KvClient Client => _fixedClient ?? new Kv.KvClient(_ownedChannel!.Current);

    /// <summary>Asks for Status; returns null when the node answered, else why it is unreachable.</summary>
    private async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        var channel = _ownedChannel?.Current;
        try
        {
            var client = channel is null ? _fixedClient! : new Kv.KvClient(channel);
            await client.StatusAsync(new StatusRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
            _suspect = false;
            return null;
        }
        catch (RpcException error)
        {
            RenewAfterNoAnswer(channel);
            return $"the node did not answer a status probe ({error.StatusCode}: {error.Status.Detail})";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RenewAfterNoAnswer(channel);
            return "the node did not answer a status probe before the operation's timeout";
        }
    }

    private void RenewAfterNoAnswer(GrpcChannel? channel)
    {
        if (channel is not null)
        {
            _ownedChannel!.Renew(channel);
        }
    }

    /// <summary>Sends the operation once; <c>Answered</c> is false when the call ended without a reply from the node.</summary>
    private async Task<(OperationOutcome Outcome, bool Answered)> SendAsync(WorkloadOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            return (operation.F switch
            {
                WorkloadOperation.Functions.Read => OutcomeClassifier.FromReply(
                    await Client.ReadAsync(new ReadRequest { Key = operation.NodeKey }, cancellationToken: cancellationToken)
                        .ConfigureAwait(false)),
                WorkloadOperation.Functions.Write => OutcomeClassifier.FromReply(
                    await Client.WriteAsync(
                            new WriteRequest { Key = operation.NodeKey, Value = NodeValueCodec.Encode(operation.Value) },
                            cancellationToken: cancellationToken)
                        .ConfigureAwait(false)),
                WorkloadOperation.Functions.Cas => OutcomeClassifier.FromReply(
                    await Client.CasAsync(CasRequestOf(operation), cancellationToken: cancellationToken).ConfigureAwait(false)),
                _ => throw new ArgumentException($"the gRPC endpoint does not support '{operation.F}'", nameof(operation)),
            }, true);
        }
        catch (RpcException error)
        {
            return (OutcomeClassifier.FromRpcError(operation, error), OutcomeClassifier.IsRefusalByTheNode(error));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Grpc.Net.Client reports our own cancellation as RpcException(Cancelled) unless configured otherwise;
            // either way the request may already be on the wire.
            return (OutcomeClassifier.Ambiguous(operation, "cancelled (timeout or stop) after the call started", ErrorCode.Cancelled), false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _ownedChannel?.Dispose();

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
