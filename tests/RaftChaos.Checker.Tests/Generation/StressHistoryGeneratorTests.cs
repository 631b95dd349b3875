using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Checker.Tests.Generation;

public sealed class StressHistoryGeneratorTests
{
    [Test]
    public void Generate_SameSeedAndOptions_SameHistory()
    {
        var options = new StressHistoryOptions { OperationCount = 500, KeyCount = 3, Mutation = HistoryMutation.StaleRead };
        Assert.That(new StressHistoryGenerator(7).Generate(options), Is.EqualTo(new StressHistoryGenerator(7).Generate(options)));
    }

    [TestCase(5)]
    [TestCase(0)]
    public void Generate_NoMutation_IsLinearizable(int domain)
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var history = OperationHistory.FromEvents(new StressHistoryGenerator(seed).Generate(new StressHistoryOptions
            {
                OperationCount = 200, ProcessCount = 20, ValueDomain = domain, InfoRate = 0.15,
            }));
            Assert.That(new LinearizabilityChecker().Check(history, BuiltInModels.CasRegister).Verdict, Is.EqualTo(Verdict.Valid), $"seed {seed}");
        }
    }

    // With unique values a planted fault is usually visible; not always, as concurrent operations can hide it (a
    // reordered pair that no read looks at in between, a lost write overwritten before its reader began).
    [TestCase(HistoryMutation.StaleRead, 18)]
    [TestCase(HistoryMutation.LostWrite, 10)]
    [TestCase(HistoryMutation.StaleCas, 18)]
    [TestCase(HistoryMutation.ReorderedWrites, 6)]
    [TestCase(HistoryMutation.NeverWrittenRead, 20)]
    public void Generate_MutationOnUniqueValues_IsUsuallyNotLinearizable(HistoryMutation mutation, int atLeastInvalid)
    {
        var invalid = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var history = OperationHistory.FromEvents(new StressHistoryGenerator(seed).Generate(new StressHistoryOptions
            {
                OperationCount = 60, ProcessCount = 8, ValueDomain = 0, InfoRate = 0.05, Mutation = mutation,
            }));
            invalid += new LinearizabilityChecker().Check(history, BuiltInModels.CasRegister).Verdict == Verdict.Invalid ? 1 : 0;
        }

        Assert.That(invalid, Is.GreaterThanOrEqualTo(atLeastInvalid));
    }

    [Test]
    public void Generate_InfoOperations_RetireTheirProcessAndAreWrites()
    {
        var history = OperationHistory.FromEvents(new StressHistoryGenerator(3).Generate(new StressHistoryOptions { OperationCount = 2_000, InfoRate = 0.2 }));
        var info = history.Operations.Where(operation => operation.Status == OperationStatus.Info).ToList();
        var retired = info.Select(operation => operation.Process).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(info.Select(operation => operation.F).Distinct(), Is.SubsetOf(new[] { "write", "cas" }));
            Assert.That(history.Operations.Count(operation => retired.Contains(operation.Process) && operation.Status != OperationStatus.Info
                && operation.InvokePosition > info.First(i => i.Process == operation.Process).InvokePosition), Is.Zero);
        });
    }

    [Test]
    public void Generate_WithoutCas_UsesOnlyReadAndWrite()
    {
        var history = OperationHistory.FromEvents(new StressHistoryGenerator(5).Generate(new StressHistoryOptions { OperationCount = 300, UseCas = false }));
        Assert.That(history.Operations.Select(operation => operation.F).Distinct(), Is.SubsetOf(new[] { "read", "write" }));
    }
}
