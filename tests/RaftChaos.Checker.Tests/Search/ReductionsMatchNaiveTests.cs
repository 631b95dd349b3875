using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Checker.Search;
using RaftChaos.Checker.Tests.Support;

namespace RaftChaos.Checker.Tests.Search;

/// <summary>
/// Property: on thousands of small random histories (info operations included, planted faults, each built-in model), the
/// search with every subset of its reductions gives the verdict of trying every order. A reduction that lost a solution
/// would show as invalid where the naive judge says valid; one that kept a wrong one, the other way round.
/// </summary>
public sealed class ReductionsMatchNaiveTests
{
    private const int HistoriesPerCase = 1_500;

    private static readonly SearchReductions[] EverySubset =
        [.. Enumerable.Range(0, (int)(SearchReductions.All | SearchReductions.InfoLast) + 1).Select(bits => (SearchReductions)bits)];

    /// <summary>The shapes compared: a name, the model, and a history per seed.</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("register", BuiltInModels.Register, (Func<int, IReadOnlyList<HistoryEvent>>)(seed => Stress(seed, keys: 0, useCas: false))).SetArgDisplayNames("register");
        yield return new TestCaseData("cas-register", BuiltInModels.CasRegister, (Func<int, IReadOnlyList<HistoryEvent>>)(seed => Stress(seed, keys: 0, useCas: true))).SetArgDisplayNames("cas-register");
        yield return new TestCaseData("kv registers, 2 keys", BuiltInModels.KeyValue, (Func<int, IReadOnlyList<HistoryEvent>>)(seed => Stress(seed, keys: 2, useCas: true))).SetArgDisplayNames("kv registers, 2 keys");
        yield return new TestCaseData("kv strings", BuiltInModels.KeyValue, (Func<int, IReadOnlyList<HistoryEvent>>)Strings).SetArgDisplayNames("kv strings");

        // Longer and more sequential, so that writes overwrite each other by real time and info writes of a value form
        // chains: what the overwritten-enabler cuts reason about.
        yield return new TestCaseData("cas-register, up to 12 operations", BuiltInModels.CasRegister, (Func<int, IReadOnlyList<HistoryEvent>>)Sequential).SetArgDisplayNames("cas-register, up to 12 operations");
    }

    [TestCaseSource(nameof(Cases))]
    public void Check_SmallRandomHistories_EveryReductionSubsetAgreesWithNaive(string name, Model<KeyValueState> model, Func<int, IReadOnlyList<HistoryEvent>> generate)
    {
        var checkers = EverySubset.Select(set => (Set: set, Checker: new LinearizabilityChecker(new CheckOptions { Reductions = set, MaxDegreeOfParallelism = 1 }))).ToList();
        var verdicts = new Dictionary<Verdict, int> { [Verdict.Valid] = 0, [Verdict.Invalid] = 0 };
        var withInfo = 0;
        for (var seed = 0; seed < HistoriesPerCase; seed++)
        {
            var events = generate(seed);
            var history = OperationHistory.FromEvents(events);
            var naive = NaiveLinearizability.IsLinearizable(history.Operations, model) ? Verdict.Valid : Verdict.Invalid;
            foreach (var (set, checker) in checkers)
            {
                var verdict = checker.Check(history, model).Verdict;
                if (verdict != naive)
                {
                    var lines = string.Join("\n", events.Select(historyEvent => HistoryWriter.FormatLine(historyEvent, withNewline: false)));
                    Assert.Fail($"{name}, seed {seed}, reductions {set}: search says {verdict}, naive enumeration says {naive}. History:\n{lines}");
                }
            }

            verdicts[naive]++;
            withInfo += history.Operations.Any(operation => operation.Status == OperationStatus.Info) ? 1 : 0;
        }

        // Both outcomes, and info operations, must occur often, or the property says little.
        Assert.Multiple(() =>
        {
            Assert.That(verdicts.Values, Is.All.GreaterThan(HistoriesPerCase / 10), $"valid {verdicts[Verdict.Valid]}, invalid {verdicts[Verdict.Invalid]}");
            Assert.That(withInfo, Is.GreaterThan(HistoriesPerCase / 4), "histories with an info operation");
        });
        TestContext.Out.WriteLine($"{name}: valid {verdicts[Verdict.Valid]}, invalid {verdicts[Verdict.Invalid]}, with info {withInfo}");
    }

    // At most 8 operations from up to 6 busy processes, a domain of 3 or unique values, a planted fault two times in three.
    private static IReadOnlyList<HistoryEvent> Stress(int seed, int keys, bool useCas)
    {
        var shape = new Random(seed);
        var mutations = Enum.GetValues<HistoryMutation>();
        return new StressHistoryGenerator(seed).Generate(new StressHistoryOptions
        {
            OperationCount = shape.Next(1, 9),
            ProcessCount = shape.Next(1, 7),
            KeyCount = keys,
            ValueDomain = shape.Next(2) == 0 ? 3 : 0,
            UseCas = useCas,
            InfoRate = 0.3,
            Mutation = shape.Next(3) == 0 ? HistoryMutation.None : mutations[shape.Next(mutations.Length)],
            MaxDurationNanos = 40,
            MaxGapNanos = 5,
        });
    }

    // Up to 12 operations from 2-3 busy processes over a domain of 2 or 3, a planted fault two times in three.
    private static IReadOnlyList<HistoryEvent> Sequential(int seed)
    {
        var shape = new Random(seed);
        var mutations = Enum.GetValues<HistoryMutation>();
        return new StressHistoryGenerator(seed).Generate(new StressHistoryOptions
        {
            OperationCount = shape.Next(4, 13),
            ProcessCount = shape.Next(2, 4),
            ValueDomain = shape.Next(2, 4),
            UseCas = true,
            InfoRate = 0.3,
            Mutation = shape.Next(3) == 0 ? HistoryMutation.None : mutations[shape.Next(mutations.Length)],
            MaxDurationNanos = 40,
            MaxGapNanos = 20,
        });
    }

    private static IReadOnlyList<HistoryEvent> Strings(int seed)
    {
        var shape = new Random(seed);
        return new RandomHistoryGenerator(seed).Generate(new RandomHistoryOptions
        {
            OperationCount = shape.Next(1, 9),
            ProcessCount = shape.Next(1, 6),
            KeyCount = shape.Next(0, 2),
            Functions = GeneratedFunctions.Strings,
            InfoProbability = 0.25,
            WrongReadProbability = 0.3,
            MaxDurationNanos = 30,
            MaxGapNanos = 10,
        });
    }
}
