using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Workloads.Tests.Support;

/// <summary>Runs the project's checker over recorded events with the model a workload names.</summary>
internal static class HistoryCheck
{
    public static CheckResult Check(IEnumerable<HistoryEvent> events, string modelName)
    {
        var model = BuiltInModels.Find(modelName) ?? throw new ArgumentException($"no model '{modelName}'");
        var history = OperationHistory.FromEvents(events);
        return new LinearizabilityChecker(new CheckOptions { TimeLimit = TimeSpan.FromSeconds(60) }).Check(history, model);
    }
}
