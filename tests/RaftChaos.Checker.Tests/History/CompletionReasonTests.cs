using System.Text;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Checker.Tests.History;

/// <summary>The optional <c>error</c>, <c>node</c> and <c>redirected-from</c> fields of completions (issue 17).</summary>
public sealed class CompletionReasonTests
{
    private const string Invoke = """{"index":0,"process":1,"type":"invoke","f":"write","key":null,"value":5,"time":100}""";

    [Test]
    public void FormatLine_CompletionWithReasons_WritesThemAfterTime()
    {
        var fail = new HistoryEvent(1, ProcessId.Client(3), HistoryEventType.Fail, "cas", "k1", HistoryValue.ListOf(HistoryValue.Of(1), HistoryValue.Of(2)), 900)
        {
            Error = ErrorCode.CasMismatch.Code,
            Node = "n2",
            RedirectedFrom = "n1",
        };

        Assert.That(HistoryWriter.FormatLine(fail, withNewline: false), Is.EqualTo(
            """{"index":1,"process":3,"type":"fail","f":"cas","key":"k1","value":[1,2],"time":900,"error":"cas-mismatch","node":"n2","redirected-from":"n1"}"""));
    }

    [Test]
    public void Read_CompletionWithReasons_CarriesThemToTheEventAndTheOperation()
    {
        var lines = new[] { Invoke, """{"index":1,"process":1,"type":"fail","f":"write","key":null,"value":5,"time":200,"error":"not-leader","node":"n3"}""" };
        var events = ReadEvents(lines);
        var operation = Load(lines).Operations.Single();

        Assert.Multiple(() =>
        {
            Assert.That((events[1].Error, events[1].Node, events[1].RedirectedFrom), Is.EqualTo(("not-leader", "n3", (string?)null)));
            Assert.That((operation.Error, operation.Node, operation.RedirectedFrom), Is.EqualTo(("not-leader", "n3", (string?)null)));
            Assert.That((events[0].Error, events[0].Node), Is.EqualTo(((string?)null, (string?)null)), "an older line has none");
        });
    }

    [Test]
    public void WriteThenRead_EventWithReasons_RoundTrips()
    {
        var original = new HistoryEvent(1, ProcessId.Client(1), HistoryEventType.Info, "write", null, HistoryValue.Of(5), 200)
        {
            Error = ErrorCode.Deadline.Code,
            Node = "n2",
            RedirectedFrom = "n1",
        };

        var read = ReadEvents(Invoke, HistoryWriter.FormatLine(original, withNewline: false))[1];

        Assert.That(read, Is.EqualTo(original));
    }

    [Test]
    public void Read_UnknownErrorCode_IsKeptAsWritten()
    {
        var operation = Load(Invoke, """{"index":1,"process":1,"type":"info","f":"write","key":null,"value":5,"time":200,"error":"from-the-future"}""").Operations.Single();

        Assert.That(operation.Error, Is.EqualTo("from-the-future"));
    }

    [TestCase("error")]
    [TestCase("node")]
    [TestCase("redirected-from")]
    public void Read_ReasonFieldNotAString_ThrowsWithLineAndField(string field)
    {
        var exception = Assert.Throws<HistoryFormatException>(() => Load(Invoke, $$"""{"process":1,"type":"ok","f":"write","key":null,"value":5,"time":200,"{{field}}":3}"""));

        Assert.That(exception!.Message, Is.EqualTo($"h.jsonl:2: field \"{field}\" must be a string or null"));
    }

    [Test]
    public void Check_SameHistoryWithAndWithoutReasons_SameVerdict()
    {
        // Not linearizable: p2 reads 7, a value nobody wrote. The reasons on the completions must change nothing.
        string[] plain =
        [
            Invoke,
            """{"index":1,"process":1,"type":"ok","f":"write","key":null,"value":5,"time":200}""",
            """{"index":2,"process":2,"type":"invoke","f":"read","key":null,"value":null,"time":300}""",
            """{"index":3,"process":2,"type":"ok","f":"read","key":null,"value":7,"time":400}""",
            """{"index":4,"process":3,"type":"invoke","f":"write","key":null,"value":1,"time":500}""",
            """{"index":5,"process":3,"type":"fail","f":"write","key":null,"value":1,"time":600}""",
        ];
        var withReasons = plain.Select((line, i) => i % 2 == 1 ? line[..^1] + ""","error":"not-leader","node":"n2","redirected-from":"n1"}""" : line).ToArray();
        var checker = new LinearizabilityChecker(new CheckOptions { TimeLimit = TimeSpan.FromSeconds(30) });

        var before = checker.Check(Load(plain), BuiltInModels.Find("register")!);
        var after = checker.Check(Load(withReasons), BuiltInModels.Find("register")!);

        Assert.That((before.Verdict, after.Verdict), Is.EqualTo((Verdict.Invalid, Verdict.Invalid)));
    }

    private static List<HistoryEvent> ReadEvents(params string[] lines)
    {
        using var reader = new HistoryReader(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")), "h.jsonl");
        return reader.ReadAll().ToList();
    }

    private static OperationHistory Load(params string[] lines)
    {
        using var reader = new HistoryReader(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")), "h.jsonl");
        return OperationHistory.Read(reader);
    }
}
