using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Tests.History;

public sealed class HistoryWriterTests
{
    [Test]
    public void FormatLine_ClientAndNemesisEvents_MatchDesignFormat()
    {
        var write = new HistoryEvent(0, ProcessId.Client(3), HistoryEventType.Invoke, "write", "k1", HistoryValue.Of(5), 1200345);
        var nemesis = new HistoryEvent(2, ProcessId.Nemesis, HistoryEventType.Info, "start-partition", null,
            new RawJsonValue("""{"n1":["n2","n3"]}"""), 3500000);

        Assert.Multiple(() =>
        {
            Assert.That(HistoryWriter.FormatLine(write, withNewline: false),
                Is.EqualTo("""{"index":0,"process":3,"type":"invoke","f":"write","key":"k1","value":5,"time":1200345}"""));
            Assert.That(HistoryWriter.FormatLine(nemesis, withNewline: true),
                Is.EqualTo("""{"index":2,"process":"nemesis","type":"info","f":"start-partition","value":{"n1":["n2","n3"]},"time":3500000}""" + "\n"));
        });
    }

    [Test]
    public void WriteThenRead_GeneratedHistory_RoundTripsEveryEvent()
    {
        var events = new RandomHistoryGenerator(seed: 7).Generate(new RandomHistoryOptions { OperationCount = 300, KeyCount = 4, InfoProbability = 0.1 });
        using var buffer = new MemoryStream();
        using (var writer = new HistoryWriter(buffer, leaveOpen: true))
        {
            foreach (var historyEvent in events)
            {
                writer.Write(historyEvent);
            }
        }

        buffer.Position = 0;
        using var reader = new HistoryReader(buffer, "round-trip");
        Assert.That(reader.ReadAll().ToList(), Is.EqualTo(events));
    }

    [Test]
    public async Task WriteAndFlushAsync_WritesOneCompleteLine()
    {
        using var buffer = new MemoryStream();
        await using (var writer = new HistoryWriter(buffer, leaveOpen: true))
        {
            await writer.WriteAndFlushAsync(new HistoryEvent(0, ProcessId.Client(1), HistoryEventType.Invoke, "read", null, HistoryValue.Null, 0), CancellationToken.None);
        }

        Assert.That(System.Text.Encoding.UTF8.GetString(buffer.ToArray()),
            Is.EqualTo("""{"index":0,"process":1,"type":"invoke","f":"read","key":null,"value":null,"time":0}""" + "\n"));
    }
}
