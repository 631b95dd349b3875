using RaftChaos.Checker;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Building;

/// <summary>Turns the checker's counterexamples into what the report draws: the last steps of the prefix and the blocked operations.</summary>
internal static class CounterexampleBuilder
{
    /// <summary>One view per invalid key with a counterexample, in key order.</summary>
    public static IReadOnlyList<CounterexampleView> Build(
        CheckResult? check, IReadOnlyList<KeyTimeline> keys, int[] pageOfOperation, int steps)
    {
        if (check is null)
        {
            return [];
        }

        var views = new List<CounterexampleView>();
        foreach (var key in check.FailingKeys)
        {
            if (key.Counterexample is not { } counterexample)
            {
                continue;
            }

            var keyIndex = keys.Select((timeline, index) => (timeline, index)).First(pair => pair.timeline.Key == key.Key).index;
            var prefix = counterexample.LongestPrefix;
            var first = Math.Max(0, prefix.Count - steps);
            var shown = prefix.Skip(first)
                .Select((step, i) => new CounterexampleStep(first + i + 1, step.Operation.Id, step.Operation.Describe(), step.StateAfter))
                .ToArray();
            var blocked = counterexample.CannotFollow
                .Select(b => new BlockedStep(b.Operation.Id, b.Operation.Describe(), b.Reason, b.LegalNext))
                .ToArray();
            var anchor = blocked.Length > 0 ? blocked[0].Operation : shown.Length > 0 ? shown[^1].Operation : keys[keyIndex].OperationIds[0];
            views.Add(new CounterexampleView(
                keyIndex,
                keys[keyIndex].Label,
                pageOfOperation[anchor],
                prefix.Count,
                shown,
                first == 0 ? "initial" : prefix[first - 1].StateAfter,
                counterexample.StateAfterPrefix,
                blocked));
        }

        return views;
    }
}
