using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Checker.Tests.Support;

namespace RaftChaos.Checker.Tests.Search;

/// <summary>Property: on random histories of at most 8 operations, the fast search agrees with trying every order.</summary>
public sealed class SearchMatchesNaiveTests
{
    private const int Histories = 3_000;

    [TestCase(GeneratedFunctions.Register)]
    [TestCase(GeneratedFunctions.Strings)]
    public void Check_RandomSmallHistories_AgreesWithNaiveEnumeration(GeneratedFunctions functions)
    {
        var checker = new LinearizabilityChecker(new CheckOptions { MaxDegreeOfParallelism = 1 });
        var verdicts = new Dictionary<Verdict, int> { [Verdict.Valid] = 0, [Verdict.Invalid] = 0 };
        for (var seed = 0; seed < Histories; seed++)
        {
            var shape = new Random(seed);
            var events = new RandomHistoryGenerator(seed).Generate(new RandomHistoryOptions
            {
                OperationCount = shape.Next(0, 9),
                ProcessCount = shape.Next(1, 5),
                ValueRange = 3,
                Functions = functions,
                InfoProbability = 0.2,
                WrongReadProbability = 0.3,
                MaxDurationNanos = 30,
                MaxGapNanos = 10,
            });
            var history = OperationHistory.FromEvents(events);

            var fast = checker.Check(history, BuiltInModels.KeyValue).Verdict;
            var naive = NaiveLinearizability.IsLinearizable(history.Operations, BuiltInModels.KeyValue) ? Verdict.Valid : Verdict.Invalid;

            if (fast != naive)
            {
                var lines = string.Join("\n", events.Select(historyEvent => HistoryWriter.FormatLine(historyEvent, withNewline: false)));
                Assert.Fail($"seed {seed} ({functions}): search says {fast}, naive enumeration says {naive}. History:\n{lines}");
            }

            verdicts[fast]++;
        }

        // Both outcomes must occur often, or the property says little.
        Assert.That(verdicts.Values, Is.All.GreaterThan(Histories / 10), $"valid {verdicts[Verdict.Valid]}, invalid {verdicts[Verdict.Invalid]}");
        TestContext.Out.WriteLine($"{functions}: valid {verdicts[Verdict.Valid]}, invalid {verdicts[Verdict.Invalid]}");
    }
}
