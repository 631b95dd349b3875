using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using RaftChaos.Node.Hosting;
using RaftChaos.Node.Raft;
using RaftChaos.Node.StateMachine;

namespace RaftChaos.Node.Tests.Raft;

/// <summary>The loop's answer to requests it never handled: the real Raft loop of a node built in this process.</summary>
[NonParallelizable]
public sealed class RaftLoopStopTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Stop_RequestStillQueued_DefiniteFailureNeverProposed(CancellationToken ct)
    {
        // A file where the data directory should be: storage cannot open, so the loop stops before it handles any
        // input, and the write queued before the start is still in its inbox when it stops.
        var notADirectory = Path.GetTempFileName();
        try
        {
            var parsed = NodeOptionsParser.Parse(["--listen", $"127.0.0.1:{FreePort.Next()}", "--data-dir", notADirectory], _ => null);
            await using var app = NodeHost.Build(parsed.Options!);
            var loop = app.Services.GetRequiredService<RaftLoop>();
            var queued = loop.ProposeAsync(new Command { Kind = CommandKind.Write, Key = "k", Value = ByteString.CopyFromUtf8("1") }, ct);

            // Only the loop, not the web host: the loop's failure stops the application, which would race Kestrel's start.
            await loop.StartAsync(ct);
            var outcome = await queued.WaitAsync(ct);
            await loop.StopAsync(ct);

            Assert.That(outcome.Kind, Is.EqualTo(OutcomeKind.Failed), outcome.Reason);
            Assert.That(outcome.Reason, Does.Contain("never proposed"));
        }
        finally
        {
            File.Delete(notADirectory);
        }
    }
}
