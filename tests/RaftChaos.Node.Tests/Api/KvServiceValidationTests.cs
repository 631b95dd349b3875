using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;
using RaftChaos.Node.Hosting;

namespace RaftChaos.Node.Tests.Api;

/// <summary>Request validation of the client API, against a real single-node server in this process.</summary>
[NonParallelizable]
public class KvServiceValidationTests
{
    private const int ValueLimit = 4096;
    private WebApplication _app = null!;
    private Grpc.Net.Client.GrpcChannel _channel = null!;
    private Kv.KvClient _client = null!;
    private string _dataDir = null!;

    [OneTimeSetUp]
    public async Task StartNode()
    {
        _dataDir = Directory.CreateTempSubdirectory("raftchaos-node-validation-").FullName;
        var port = FreePort.Next();
        var parsed = NodeOptionsParser.Parse(
            ["--listen", $"127.0.0.1:{port}", "--data-dir", _dataDir, "--max-value-bytes", ValueLimit.ToString()], _ => null);
        _app = NodeHost.Build(parsed.Options!);
        await _app.StartAsync();
        _channel = NodeChannels.Create($"127.0.0.1:{port}");
        _client = new Kv.KvClient(_channel);
        // A single node elects itself at once; wait until it accepts writes so the valid cases can pass.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await _client.StatusAsync(new StatusRequest())).Role != "leader")
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the single node did not become leader");
            await Task.Delay(20);
        }
    }

    [OneTimeTearDown]
    public async Task StopNode()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    private static async Task<RpcException> Invalid(Func<Task> call)
    {
        var e = (await Assert.ThrowsAsync<RpcException>(async () => await call()))!;
        Assert.That(e.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), e.Status.Detail);
        return e;
    }

    [Test]
    public async Task Write_EmptyKey_IsInvalidArgument()
    {
        var e = await Invalid(async () => await _client.WriteAsync(new WriteRequest { Key = "", Value = ByteString.CopyFromUtf8("v") }));
        Assert.That(e.Status.Detail, Does.Contain("must not be empty"));
    }

    [Test]
    public async Task Read_KeyOver256Bytes_NamesTheLimit()
    {
        // 129 two-byte characters: 258 UTF-8 bytes although only 129 chars.
        var e = await Invalid(async () => await _client.ReadAsync(new ReadRequest { Key = new string('é', 129) }));
        Assert.That(e.Status.Detail, Does.Contain("258 bytes").And.Contain("limit is 256 bytes"));
    }

    [Test]
    public async Task Write_ValueOverLimit_NamesTheLimit()
    {
        var e = await Invalid(async () => await _client.WriteAsync(new WriteRequest { Key = "k", Value = ByteString.CopyFrom(new byte[ValueLimit + 1]) }));
        Assert.That(e.Status.Detail, Does.Contain($"limit is {ValueLimit} bytes"));
    }

    [Test]
    public async Task Write_ValueFarOverLimit_IsStillInvalidArgumentNotResourceExhausted()
    {
        var e = await Invalid(async () => await _client.WriteAsync(new WriteRequest { Key = "k", Value = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) }));
        Assert.That(e.Status.Detail, Does.Contain("limit"));
    }

    [Test]
    public async Task Cas_ExpectedOverLimit_NamesTheField()
    {
        var e = await Invalid(async () => await _client.CasAsync(new CasRequest { Key = "k", Expected = ByteString.CopyFrom(new byte[ValueLimit + 1]) }));
        Assert.That(e.Status.Detail, Does.StartWith("expected is"));
    }

    [Test]
    public async Task Append_And_Delete_ValidateTheKeyToo()
    {
        await Invalid(async () => await _client.AppendAsync(new AppendRequest { Key = "" }));
        await Invalid(async () => await _client.DeleteAsync(new DeleteRequest { Key = new string('k', 257) }));
    }

    [Test]
    public async Task Write_ValueAtTheLimit_IsAccepted()
    {
        await _client.WriteAsync(new WriteRequest { Key = "big", Value = ByteString.CopyFrom(new byte[ValueLimit]) });
        var read = await _client.ReadAsync(new ReadRequest { Key = "big" });
        Assert.That(read.Value.Length, Is.EqualTo(ValueLimit));
    }

    [TestCase("/raftchaos.v1.Kv/Write", new byte[] { 0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f })] // a key longer than the message
    [TestCase("/raftchaos.v1.Kv/Cas", new byte[] { 0xff, 0xff, 0xff })]                      // not protobuf at all
    [TestCase("/raftchaos.v1.Kv/NoSuchMethod", new byte[] { 0x01 })]
    public async Task MalformedOrUnknownRequest_IsRefused_AndTheNodeStaysUp(string method, byte[] body)
    {
        var raw = new Method<byte[], byte[]>(MethodType.Unary, method.Split('/')[1], method.Split('/')[2],
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        var e = (await Assert.ThrowsAsync<RpcException>(async () => await _channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(), body)))!;
        Assert.That(e.StatusCode, Is.Not.EqualTo(StatusCode.OK));
        var status = await _client.StatusAsync(new StatusRequest());
        Assert.That(status.Role, Is.EqualTo("leader"));
    }

    [Test]
    public async Task PeerStream_FromAStranger_IsRefused_AndTheNodeStaysUp()
    {
        using var call = new RaftChaos.Node.Transport.Peer.PeerClient(_channel).Stream();
        await call.RequestStream.WriteAsync(new RaftChaos.Node.Transport.PeerBatch { From = "intruder", To = "n1" });
        await call.RequestStream.CompleteAsync();
        var e = (await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync))!;
        Assert.That(e.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That((await _client.StatusAsync(new StatusRequest())).Role, Is.EqualTo("leader"));
    }

    [Test]
    public async Task Status_ReportsBothClocksAndNoPeers()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var status = await _client.StatusAsync(new StatusRequest());
        Assert.Multiple(() =>
        {
            Assert.That(status.Id, Is.EqualTo("n1"));
            Assert.That(status.WallClockUnixMs, Is.InRange(before - 1000, before + 5000));
            Assert.That(status.MonotonicMs, Is.GreaterThan(0));
            Assert.That(status.Peers, Is.Empty);
            Assert.That(status.AppliedIndex, Is.LessThanOrEqualTo(status.CommitIndex));
        });
    }
}
