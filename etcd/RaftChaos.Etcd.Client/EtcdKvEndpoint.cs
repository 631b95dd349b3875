using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Checker.History;
using RaftChaos.Etcd.Api;
using RaftChaos.Node.Client;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Etcd.Client;

/// <summary>
/// <see cref="IKvEndpoint"/> over etcd's v3 gRPC API, one per member (a channel multiplexes every process bound to it).
/// Each recorded operation is at most one etcd request that can change state, never retried:
/// <list type="bullet">
/// <item><c>read</c>, <c>get</c>: one linearizable Range (absent: null for read, "" for get, the kv model's string semantics).</item>
/// <item><c>write</c>, <c>put</c>: one Put.</item>
/// <item><c>cas [expected, new]</c>: one Txn: if the value equals <c>expected</c> (or, for a null <c>expected</c>, the key
/// has no version), Put <c>new</c>; otherwise Range the key, so a failed cas names the current value. A false compare is a
/// definite fail (cas-mismatch).</item>
/// <item><c>append s</c>: a Range for the value and its mod_revision, then one Txn that puts value + s if mod_revision is
/// unchanged. A lost compare is a fail (nothing written); there is no second attempt inside the operation. An error of
/// the Range is a fail too (a read changes nothing).</item>
/// </list>
/// Every call carries etcd's <c>hasleader: true</c> metadata: a member that knows no leader then refuses at once with
/// "etcdserver: no leader" (a definite fail) instead of holding the proposal until its 6 s request timeout.
/// Values are encoded as for our node (<see cref="NodeValueCodec"/>), so histories of both targets read alike.
/// </summary>
/// <remarks>
/// Like <see cref="GrpcKvEndpoint"/>, a member that left a call without any answer (killed, paused, cut off, restarting
/// behind the engine's port proxy) is <em>suspect</em>: the next operation first asks it for its Status and is recorded
/// <c>fail</c> (probe-failed, never sent) when that gets no answer. Without the probe every operation against a
/// restarting member would be an ambiguous write. A probe that gets no answer also renews the channel (at most every 5 s,
/// <see cref="RenewableChannel"/>), so a member that answers again is reached on a fresh connection.
/// </remarks>
public sealed class EtcdKvEndpoint : IKvEndpoint, IDisposable
{
    /// <summary>etcd's require-leader metadata (rpctypes.MetadataRequireLeaderKey = "hasleader", value "true").</summary>
    private static readonly Metadata RequireLeader = new() { { "hasleader", "true" } };

    private readonly RenewableChannel _channel;
    private volatile bool _suspect;

    private EtcdKvEndpoint(string node, RenewableChannel channel)
    {
        Node = node;
        _channel = channel;
    }

    /// <inheritdoc />
    public string Node { get; }

    /// <summary>True once a call ended without the member's answer, until a probe or call is answered.</summary>
    public bool Suspect => _suspect;

    /// <summary>How often a probe that got no answer replaced the channel (see <see cref="RenewableChannel"/>).</summary>
    public int ChannelRenewals => _channel.Renewals;

    // Clients are thin wrappers over the channel's call invoker: made per call, so a renewed channel is used at once.
    private KV.KVClient Kv => new(_channel.Current);

    /// <summary>Opens a channel to the member's client port that this endpoint owns and disposes.</summary>
    /// <param name="address">The member's client API (for Docker members: the port published on 127.0.0.1).</param>
    /// <param name="node">The member's name for logs; default the address.</param>
    /// <param name="options">Channel settings; default <see cref="NodeChannelOptions"/>'s (the same as for our node).</param>
    public static EtcdKvEndpoint Connect(NodeAddress address, string? node = null, NodeChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new EtcdKvEndpoint(node ?? address.ToString(), RenewableChannel.To(address, options));
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

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();

    /// <summary>Asks for Status; returns null when the member answered, else why it is unreachable.</summary>
    private async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        var channel = _channel.Current;
        try
        {
            await new Maintenance.MaintenanceClient(channel).StatusAsync(new StatusRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
            _suspect = false;
            return null;
        }
        catch (RpcException error)
        {
            _channel.Renew(channel);
            return $"the member did not answer a status probe ({error.StatusCode}: {error.Status.Detail})";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _channel.Renew(channel);
            return "the member did not answer a status probe before the operation's timeout";
        }
    }

    private async Task<(OperationOutcome Outcome, bool Answered)> SendAsync(WorkloadOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            if (operation.F == "append")
            {
                return await AppendAsync(operation, cancellationToken).ConfigureAwait(false);
            }

            var outcome = operation.F switch
            {
                WorkloadOperation.Functions.Read => await ReadAsync(operation, asText: false, cancellationToken).ConfigureAwait(false),
                "get" => await ReadAsync(operation, asText: true, cancellationToken).ConfigureAwait(false),
                WorkloadOperation.Functions.Write or "put" => await PutAsync(operation, cancellationToken).ConfigureAwait(false),
                WorkloadOperation.Functions.Cas => await CasAsync(operation, cancellationToken).ConfigureAwait(false),
                _ => throw new ArgumentException($"the etcd endpoint does not support '{operation.F}' (read, write, cas, get, put, append)", nameof(operation)),
            };
            return (outcome, true);
        }
        catch (RpcException error)
        {
            return (EtcdOutcomeClassifier.FromRpcError(operation, error), EtcdOutcomeClassifier.IsAnswerFromTheMember(error));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (OutcomeClassifier.Ambiguous(operation, "cancelled (timeout or stop) after the call started", ErrorCode.Cancelled), false);
        }
    }

    private async Task<OperationOutcome> ReadAsync(WorkloadOperation operation, bool asText, CancellationToken cancellationToken)
    {
        var reply = await Kv.RangeAsync(new RangeRequest { Key = Key(operation) }, RequireLeader, cancellationToken: cancellationToken).ConfigureAwait(false);
        return OperationOutcome.OkRead(reply.Kvs.Count == 0 ? (asText ? HistoryValue.Of("") : HistoryValue.Null)
            : asText ? HistoryValue.Of(reply.Kvs[0].Value.ToStringUtf8()) : NodeValueCodec.Decode(reply.Kvs[0].Value));
    }

    private async Task<OperationOutcome> PutAsync(WorkloadOperation operation, CancellationToken cancellationToken)
    {
        await Kv.PutAsync(new PutRequest { Key = Key(operation), Value = NodeValueCodec.Encode(operation.Value) }, RequireLeader, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return OperationOutcome.Ok();
    }

    private async Task<OperationOutcome> CasAsync(WorkloadOperation operation, CancellationToken cancellationToken)
    {
        if (operation.Value is not ListValue { Items: [var expected, var replacement] })
        {
            throw new ArgumentException($"a cas value must be [expected, new], got {operation.Value}", nameof(operation));
        }

        var key = Key(operation);
        // etcd fails a VALUE compare on a missing key, so "expected absent" compares the key's version with 0 instead.
        var compare = expected.IsNull
            ? new Compare { Key = key, Target = Compare.Types.CompareTarget.Version, Result = Compare.Types.CompareResult.Equal, Version = 0 }
            : new Compare { Key = key, Target = Compare.Types.CompareTarget.Value, Result = Compare.Types.CompareResult.Equal, Value = NodeValueCodec.Encode(expected) };
        var request = new TxnRequest
        {
            Compare = { compare },
            Success = { new RequestOp { RequestPut = new PutRequest { Key = key, Value = NodeValueCodec.Encode(replacement) } } },
            Failure = { new RequestOp { RequestRange = new RangeRequest { Key = key } } },
        };
        var reply = await Kv.TxnAsync(request, RequireLeader, cancellationToken: cancellationToken).ConfigureAwait(false);
        return reply.Succeeded ? OperationOutcome.Ok()
            : OperationOutcome.Fail($"precondition false: current value {Current(reply)}", ErrorCode.CasMismatch);
    }

    /// <summary>The append's Range, then its one Txn; <c>Answered</c> as in <see cref="SendAsync"/>.</summary>
    private async Task<(OperationOutcome Outcome, bool Answered)> AppendAsync(WorkloadOperation operation, CancellationToken cancellationToken)
    {
        if (operation.Value is not StringValue suffix)
        {
            throw new ArgumentException($"an append value must be a string, got {operation.Value}", nameof(operation));
        }

        var key = Key(operation);
        RangeResponse current;
        try
        {
            current = await Kv.RangeAsync(new RangeRequest { Key = key }, RequireLeader, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException error)
        {
            // Nothing was written yet: whatever ended the Range, the append is a definite fail (classified as a read).
            var outcome = EtcdOutcomeClassifier.FromRpcError(WorkloadOperation.Read(operation.Key), error);
            return (outcome with { Reason = "the append's Range failed: " + outcome.Reason }, EtcdOutcomeClassifier.IsAnswerFromTheMember(error));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (OperationOutcome.Fail("the append's Range was cancelled (timeout or stop); nothing was written", ErrorCode.Cancelled), false);
        }

        var revision = current.Kvs.Count == 0 ? 0 : current.Kvs[0].ModRevision;
        var value = (current.Kvs.Count == 0 ? "" : current.Kvs[0].Value.ToStringUtf8()) + suffix.Value;
        var request = new TxnRequest
        {
            // A missing key has mod_revision 0 in etcd's compare, so one compare covers "absent" and "unchanged".
            Compare = { new Compare { Key = key, Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = revision } },
            Success = { new RequestOp { RequestPut = new PutRequest { Key = key, Value = ByteString.CopyFromUtf8(value) } } },
        };
        var reply = await Kv.TxnAsync(request, RequireLeader, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (reply.Succeeded ? OperationOutcome.Ok()
            : OperationOutcome.Fail($"the key changed after revision {revision} (lost compare on mod_revision; no second attempt)", ErrorCode.CasMismatch), true);
    }

    private static ByteString Key(WorkloadOperation operation) => ByteString.CopyFromUtf8(operation.NodeKey);

    private static string Current(TxnResponse reply) =>
        reply.Responses is [{ ResponseRange.Kvs: [var kv, ..] }, ..] ? kv.Value.ToStringUtf8() : "absent";
}
