using System.Text.RegularExpressions;
using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Tests.Models;

/// <summary>The README's custom model (CounterModelExample.cs) compiles, decides both ways, and is the code the README shows.</summary>
[TestFixture]
public sealed class CounterModelExampleTests
{
    [Test]
    public void Check_ConcurrentAddsThenReadOfTheirSum_IsValid()
    {
        var history = History(
            (0, HistoryEventType.Invoke, "add", HistoryValue.Of(2)),
            (1, HistoryEventType.Invoke, "add", HistoryValue.Of(3)),
            (0, HistoryEventType.Ok, "add", HistoryValue.Of(2)),
            (2, HistoryEventType.Invoke, "read", HistoryValue.Null),
            (2, HistoryEventType.Ok, "read", HistoryValue.Of(2)),     // the add of 3 may still be in flight: 2 is fine
            (1, HistoryEventType.Ok, "add", HistoryValue.Of(3)),
            (2, HistoryEventType.Invoke, "read", HistoryValue.Null),
            (2, HistoryEventType.Ok, "read", HistoryValue.Of(5)));

        Assert.That(new LinearizabilityChecker().Check(history, CounterModel.Create()).Verdict, Is.EqualTo(Verdict.Valid));
    }

    [Test]
    public void Check_ReadMissingACompletedAdd_IsInvalid()
    {
        var history = History(
            (0, HistoryEventType.Invoke, "add", HistoryValue.Of(2)),
            (0, HistoryEventType.Ok, "add", HistoryValue.Of(2)),
            (1, HistoryEventType.Invoke, "read", HistoryValue.Null),
            (1, HistoryEventType.Ok, "read", HistoryValue.Of(0)));    // the add completed before the read began

        Assert.That(new LinearizabilityChecker().Check(history, CounterModel.Create()).Verdict, Is.EqualTo(Verdict.Invalid));
    }

    [Test]
    public void Readme_ShowsTheExampleVerbatim()
    {
        var root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));
        var source = File.ReadAllText(Path.Combine(root, "tests/RaftChaos.Checker.Tests/Models/CounterModelExample.cs"));
        var readme = File.ReadAllText(Path.Combine(root, "Jepsen-style-checker/RaftChaos.Checker/README.md"));
        var example = Regex.Match(source, @"#region readme\n(.*?)#endregion", RegexOptions.Singleline).Groups[1].Value;
        var shown = Regex.Match(readme, @"## Your own model.*?```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;

        Assert.That(example, Is.Not.Empty);
        Assert.That(shown, Is.EqualTo(example), "README.md's counter model differs from CounterModelExample.cs: copy the region over");
    }

    private static OperationHistory History(params (int Process, HistoryEventType Type, string F, HistoryValue Value)[] events)
        => OperationHistory.FromEvents(events.Select((e, i) => new HistoryEvent(i, ProcessId.Client(e.Process), e.Type, e.F, null, e.Value, i * 1000L)));
}
