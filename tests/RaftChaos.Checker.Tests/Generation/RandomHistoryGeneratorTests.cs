using RaftChaos.Checker.Generation;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Checker.Tests.Generation;

public sealed class RandomHistoryGeneratorTests
{
    [Test]
    public void Generate_SameSeedAndOptions_SameHistory()
    {
        var options = new RandomHistoryOptions { OperationCount = 500, KeyCount = 7, InfoProbability = 0.1 };
        Assert.That(new RandomHistoryGenerator(11).Generate(options), Is.EqualTo(new RandomHistoryGenerator(11).Generate(options)));
    }

    [TestCase(GeneratedFunctions.Register, 0)]
    [TestCase(GeneratedFunctions.Register, 5)]
    [TestCase(GeneratedFunctions.Strings, 3)]
    public void Generate_WithoutWrongReads_IsWellFormedAndLinearizable(GeneratedFunctions functions, int keys)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var events = new RandomHistoryGenerator(seed).Generate(new RandomHistoryOptions
            {
                OperationCount = 400, KeyCount = keys, ProcessCount = 8, Functions = functions, InfoProbability = 0.05,
            });
            var history = OperationHistory.FromEvents(events);
            Assert.That(new LinearizabilityChecker().Check(history, BuiltInModels.KeyValue).Verdict, Is.EqualTo(Verdict.Valid), $"seed {seed}");
        }
    }

    [Test]
    public void Generate_InfoOperations_RetireTheirProcess()
    {
        var history = OperationHistory.FromEvents(new RandomHistoryGenerator(3).Generate(new RandomHistoryOptions { OperationCount = 2_000, InfoProbability = 0.2 }));
        var retired = history.Operations.Where(operation => operation.Status == OperationStatus.Info).Select(operation => operation.Process).ToHashSet();
        var reused = history.Operations.Where(operation => retired.Contains(operation.Process))
            .GroupBy(operation => operation.Process)
            .Where(group => group.OrderBy(operation => operation.InvokePosition).Last().Status != OperationStatus.Info);
        Assert.That(reused.Select(group => group.Key), Is.Empty, "a process whose operation ended in info must issue nothing more");
    }
}
