using System.Diagnostics;
using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Checker.Search;

namespace RaftChaos.Checker.Tests.Search;

/// <summary>
/// Not a test: the measurement behind the checker README's table of reductions. Checks the same stress histories with
/// each set of reductions and prints how many were decided and how long they took. Run on purpose:
/// <c>dotnet test -c Release --filter FullyQualifiedName~ReductionMeasurements</c>.
/// </summary>
[Explicit("a measurement, minutes long; prints a table")]
public sealed class ReductionMeasurements
{
    private static readonly SearchReductions[] Each =
    [
        SearchReductions.ForcedNoOps, SearchReductions.IdenticalOperations, SearchReductions.LazyInfoWrites,
        SearchReductions.StarvedOperations, SearchReductions.OverwrittenEnablers, SearchReductions.InfoLast,
    ];

    // None, each alone, all but each, all.
    private static readonly SearchReductions[] Sets =
        [SearchReductions.None, .. Each, .. Each.Select(reduction => (SearchReductions.All | SearchReductions.InfoLast) & ~reduction), SearchReductions.All];

    [TestCase(300, 5)]
    [TestCase(300, 0)]
    [TestCase(1_000, 5)]
    [TestCase(1_000, 0)]
    public void Measure_StressHistories_PrintsDecidedAndTimePerReductionSet(int operations, int domain)
    {
        var histories = new List<OperationHistory>();
        foreach (var mutation in Enum.GetValues<HistoryMutation>())
        {
            for (var seed = 0; seed < 3; seed++)
            {
                histories.Add(OperationHistory.FromEvents(new StressHistoryGenerator(seed).Generate(new StressHistoryOptions
                {
                    OperationCount = operations, ProcessCount = 20 + (seed % 11), ValueDomain = domain, InfoRate = 0.05 + (0.02 * (seed % 6)), Mutation = mutation,
                })));
            }
        }

        foreach (var set in Sets)
        {
            var checker = new LinearizabilityChecker(new CheckOptions { Reductions = set, TimeLimit = TimeSpan.FromSeconds(1) });
            var (decided, worst, total) = (0, 0.0, Stopwatch.StartNew());
            foreach (var history in histories)
            {
                var result = checker.Check(history, BuiltInModels.CasRegister);
                decided += result.Verdict == Verdict.Unknown ? 0 : 1;
                worst = Math.Max(worst, result.Elapsed.TotalMilliseconds);
            }

            TestContext.Out.WriteLine($"{operations} ops, domain {(domain == 0 ? "unique" : domain)}: {set,-40} decided {decided,2}/{histories.Count}, total {total.Elapsed.TotalSeconds:F1} s, worst {worst:F0} ms");
        }
    }
}
