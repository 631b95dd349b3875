using RaftChaos.Checker;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Building;

/// <summary>
/// Turns the checker's counterexamples into what the report draws: the last steps of the prefix and the blocked
/// operations; then, for each key the search could not decide, how far it got (its longest prefix, nothing blocked).
/// </summary>
internal static class CounterexampleBuilder
{
    /// <summary>One view per invalid key with a counterexample, in key order, then one per undecided key whose search had started.</summary>
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
            if (key.Counterexample is { } counterexample)
            {
                views.Add(View(key.Key, counterexample.LongestPrefix, counterexample.StateAfterPrefix, counterexample.CannotFollow, null, keys, pageOfOperation, steps));
            }
        }

        // A key that hit a bound shows how far it got, as an invalid one does.
        foreach (var key in check.UndecidedKeys)
        {
            var progress = key.Progress!;
            views.Add(View(key.Key, progress.LongestPrefix, progress.StateAfterPrefix, [], key.UnknownReason!, keys, pageOfOperation, steps));
        }

        return views;
    }

    private static CounterexampleView View(
        string? key, IReadOnlyList<LinearizedStep> prefix, string stateAfter, IReadOnlyList<BlockedOperation> cannotFollow, string? undecided,
        IReadOnlyList<KeyTimeline> keys, int[] pageOfOperation, int steps)
    {
        var keyIndex = keys.Select((timeline, index) => (timeline, index)).First(pair => pair.timeline.Key == key).index;
        var first = Math.Max(0, prefix.Count - steps);
        var shown = prefix.Skip(first)
            .Select((step, i) => new CounterexampleStep(first + i + 1, step.Operation.Id, step.Operation.Describe(), step.StateAfter))
            .ToArray();
        var blocked = cannotFollow
            .Select(b => new BlockedStep(b.Operation.Id, b.Operation.Describe(), b.Reason, b.LegalNext))
            .ToArray();
        var anchor = blocked.Length > 0 ? blocked[0].Operation : shown.Length > 0 ? shown[^1].Operation : keys[keyIndex].OperationIds[0];
        return new CounterexampleView(
            keyIndex,
            keys[keyIndex].Label,
            pageOfOperation[anchor],
            prefix.Count,
            shown,
            first == 0 ? "initial" : prefix[first - 1].StateAfter,
            stateAfter,
            blocked,
            undecided);
    }
}
