using System.Diagnostics;

namespace RaftChaos.Storage.Tests;

/// <summary>
/// A real process writes synced batches and is SIGKILLed mid-stream, several times over the same directory;
/// every batch it reported synced must come back, intact and contiguous.
/// </summary>
public sealed class CrashProcessTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Writer_KilledMidStream_RecoversEverySyncedBatch(CancellationToken cancellationToken)
    {
        int seed = Environment.TickCount;
        TestContext.Out.WriteLine($"replay seed: {seed}");
        var random = new Random(seed);
        using var dir = new TempStoreDirectory();
        ulong acknowledged = 0;

        for (int round = 0; round < 3; round++)
        {
            int killAfter = random.Next(20, 200);
            using Process child = StartWriter(dir.Path);
            int lines = 0;
            while (lines < killAfter && await child.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is string line)
            {
                Assert.That(line, Does.StartWith("synced "), await ReadErrorAsync(child, line).ConfigureAwait(false));
                acknowledged = ulong.Parse(line["synced ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                lines++;
            }

            if (lines < killAfter)
            {
                Assert.Fail("the writer stopped early: " + await child.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
            }

            child.Kill(); // SIGKILL on Unix
            await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

            await using DurableStore store = await dir.OpenAsync(256 * 1024);
            RecoveredState state = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
            TestContext.Out.WriteLine($"round {round}: killed after {killAfter} batches, acknowledged {acknowledged}, recovered {state.LastIndex}, torn tail: {store.Recovery.TornTail}");
            Assert.That(state.LastIndex, Is.GreaterThanOrEqualTo(acknowledged), "a synced batch was lost");
            Assert.That(state.LastIndex % CrashWriterProgram.EntriesPerBatch, Is.EqualTo(0UL), "a batch came back in part");
            Batches.AssertLog(state.Entries, 1, state.LastIndex, _ => 1, CrashWriterProgram.EntryBytes);
        }
    }

    private static Process StartWriter(string directory)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "exec", typeof(CrashWriterProgram).Assembly.Location, "crash-writer", directory })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
    }

    private static async Task<string> ReadErrorAsync(Process child, string line) =>
        line.StartsWith("synced ", StringComparison.Ordinal) ? string.Empty : await child.StandardError.ReadToEndAsync().ConfigureAwait(false);
}
