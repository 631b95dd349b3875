using System.Text;
using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Tests.History;

public sealed class HistoryReaderTests
{
    private const string Invoke1 = """{"index":0,"process":1,"type":"invoke","f":"write","key":null,"value":5,"time":100}""";
    private const string Ok1 = """{"index":1,"process":1,"type":"ok","f":"write","key":null,"value":5,"time":200}""";

    [Test]
    public void Read_WellFormedLines_YieldsTypedEvents()
    {
        var history = Load(
            Invoke1,
            "",
            Ok1,
            """{"index":2,"process":"nemesis","type":"info","f":"start-partition","value":{"n1":["n2","n3"]},"time":300}""",
            """{"index":3,"process":2,"type":"invoke","f":"cas","key":"k","value":[1,null],"time":400,"extra":"ignored"}""");

        Assert.Multiple(() =>
        {
            Assert.That(history.Operations, Has.Count.EqualTo(2));
            Assert.That(history.Operations[0], Is.EqualTo(new Operation(0, 1, "write", null, HistoryValue.Of(5), HistoryValue.Of(5),
                OperationStatus.Ok, 0, 1, 100, 200, 1, 3)));
            Assert.That(history.Operations[1].Status, Is.EqualTo(OperationStatus.Info), "an invoke open at the end is info");
            Assert.That(history.Operations[1].Input, Is.EqualTo(HistoryValue.ListOf(HistoryValue.Of(1), HistoryValue.Null)));
            Assert.That(history.NemesisEvents.Single().Value, Is.EqualTo(new RawJsonValue("""{"n1":["n2","n3"]}""")));
            Assert.That(history.KeyCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Read_EmptyInput_YieldsEmptyHistory()
    {
        var history = Load();
        Assert.That((history.Operations.Count, history.EventCount), Is.EqualTo((0, 0)));
    }

    // Each malformed case and the exact message the CLI prints (FILE:LINE: reason) for it.
    [TestCase("not json", "h.jsonl:2: invalid JSON at column 2")]
    [TestCase("""{"process":1,"type":"invoke","f":"read","time":5""", "h.jsonl:2: invalid JSON at column 49")]
    [TestCase("""{"process":1} {}""", "h.jsonl:2: invalid JSON at column 15")]
    [TestCase("[1,2]", "h.jsonl:2: expected a JSON object")]
    [TestCase("""{"process":1,"type":"invoke","f":"read","value":null}""", "h.jsonl:2: missing field \"time\"")]
    [TestCase("""{"process":1,"type":"done","f":"read","value":null,"time":5}""", "h.jsonl:2: unknown type \"done\" (expected invoke, ok, fail or info)")]
    [TestCase("""{"process":-1,"type":"invoke","f":"read","value":null,"time":5}""", "h.jsonl:2: field \"process\" must be a non-negative integer or \"nemesis\"")]
    [TestCase("""{"process":1,"type":"invoke","f":"read","value":null,"time":1.5}""", "h.jsonl:2: field \"time\" must be an integer (nanoseconds)")]
    [TestCase("""{"process":1,"type":"invoke","f":"read","key":3,"value":null,"time":5}""", "h.jsonl:2: field \"key\" must be a string or null")]
    [TestCase("""{"process":2,"type":"ok","f":"read","value":1,"time":150}""", "h.jsonl:2: ok read on process 2 has no open invoke")]
    [TestCase("""{"process":1,"type":"invoke","f":"read","value":null,"time":150}""", "h.jsonl:2: process 1 invokes read while its write from line 1 is still open")]
    [TestCase("""{"process":2,"type":"invoke","f":"read","value":null,"time":99}""", "h.jsonl:2: time 99 is earlier than the previous event's time 100 (line 1)")]
    [TestCase("""{"process":1,"type":"ok","f":"read","value":5,"time":150}""", "h.jsonl:2: ok read on key null does not match the open invoke of process 1 (write on key null, line 1)")]
    [TestCase("""{"process":2,"type":"invoke","f":"cas","value":5,"time":150}""", "h.jsonl:2: cas value must be [expected, new] with null, integer or string elements, got 5")]
    [TestCase("""{"process":2,"type":"invoke","f":"write","value":[1],"time":150}""", "h.jsonl:2: write value must be an integer or a string, got [1]")]
    [TestCase("""{"process":2,"type":"invoke","f":"read","value":3,"time":150}""", "h.jsonl:2: read invoke value must be null, got 3")]
    [TestCase("""{"process":2,"type":"invoke","f":"append","key":"k","value":3,"time":150}""", "h.jsonl:2: append value must be a string, got 3")]
    public void Read_MalformedSecondLine_ThrowsWithFileLineAndReason(string secondLine, string expectedMessage)
    {
        var exception = Assert.Throws<HistoryFormatException>(() => Load(Invoke1, secondLine));
        Assert.That(exception!.Message, Is.EqualTo(expectedMessage));
    }

    [Test]
    public void Read_ReadCompletedWithAList_ThrowsWrongShape()
    {
        var exception = Assert.Throws<HistoryFormatException>(() => Load(
            """{"process":2,"type":"invoke","f":"read","value":null,"time":1}""",
            """{"process":2,"type":"ok","f":"read","value":[1],"time":2}"""));
        Assert.That(exception!.Message, Is.EqualTo("h.jsonl:2: read value must be null, an integer or a string, got [1]"));
    }

    [Test]
    public void Read_LongLineBeyondBuffer_IsParsed()
    {
        var text = new string('x', 200_000);
        var history = Load(
            $$"""{"process":0,"type":"invoke","f":"put","key":"k","value":"{{text}}","time":1}""",
            $$"""{"process":0,"type":"ok","f":"put","key":"k","value":"{{text}}","time":2}""");
        Assert.That(((StringValue)history.Operations[0].Input).Value, Has.Length.EqualTo(200_000));
    }

    // Large histories are parsed in batches on several threads: the first malformed line is still the one reported, and
    // an error only the pairing sees (an earlier line) still comes before a malformed line later in the same batch.
    [TestCase(30_001, -1, "h.jsonl:30002: invalid JSON at column 2")]
    [TestCase(30_001, 20_000, "h.jsonl:20001: ok write on process 7 has no open invoke")]
    [TestCase(3, -1, "h.jsonl:4: invalid JSON at column 2")]
    public void Read_ManyLinesWithAMalformedOne_ReportsTheFirstError(int malformedAt, int unpairedAt, string expectedMessage)
    {
        var lines = Enumerable.Range(0, 40_000).Select(i => i == malformedAt ? "not json"
            : i == unpairedAt ? $$"""{"process":7,"type":"ok","f":"write","key":"k1","value":1,"time":{{i}}}"""
            : $$"""{"process":{{i % 2}},"type":"{{(i % 4 < 2 ? "invoke" : "ok")}}","f":"write","key":"k{{i % 2}}","value":{{i % 3}},"time":{{i}}}""").ToArray();

        var exception = Assert.Throws<HistoryFormatException>(() => Load(lines));

        Assert.That(exception!.Message, Is.EqualTo(expectedMessage));
    }

    [Test]
    public void Read_ManyLines_SameOperationsAsOneLineAtATime()
    {
        var lines = Enumerable.Range(0, 20_000).Select(i =>
            $$"""{"process":{{i % 10}},"type":"{{(i % 20 < 10 ? "invoke" : "ok")}}","f":"write","key":"k{{i % 10}}","value":{{i}},"time":{{i}}}""").ToArray();
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        using var reader = new HistoryReader(new MemoryStream(bytes), "h.jsonl");
        var one = OperationHistory.FromEvents(reader.ReadAll().ToList(), "h.jsonl");

        var batched = Load(lines);

        Assert.That(batched.Operations, Is.EqualTo(one.Operations));
    }

    private static OperationHistory Load(params string[] lines)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines) + (lines.Length > 0 ? "\n" : ""));
        using var reader = new HistoryReader(new MemoryStream(bytes), "h.jsonl");
        return OperationHistory.Read(reader);
    }
}
