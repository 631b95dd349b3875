using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Search;

/// <summary>
/// Finds, for each operation, a "blocker": another operation with the same effect that the search must linearize first.
/// <para>
/// Two operations are alike when the model cannot tell them apart: same function, input, output and status (a model's
/// step reads nothing else, see <see cref="Models.Model{TState}.Step"/>). Let p and x be alike with p invoked before x
/// and p completing no later than x (an info operation completes at infinity). Whenever x is a candidate, p is one too
/// or is already linearized: p's call comes before x's, so before every pending return. Claim: if some completion of the
/// search from here starts with x while p is pending, another starts with p. If p appears later in it, swap the two:
/// the model sees the same steps in the same places; p first is allowed (it is a candidate); x in p's old place is
/// allowed because every operation o between them was already allowed after p, that is p did not complete before o's
/// invoke, and x completes no earlier than p. If p does not appear, both are info (same status) and p simply takes x's
/// place. So x may wait until p is linearized; following blockers from x ends at an operation with none, because
/// invokes strictly decrease along the chain. This is the grouping of identical pending operations: with a domain of
/// five values, twenty pending info writes give at most five choices instead of twenty.
/// </para>
/// </summary>
internal static class IdenticalOperations
{
    /// <summary>Per operation (indexed as <paramref name="operations"/>, sorted by invoke), its blocker or -1.</summary>
    public static int[] Blockers(IReadOnlyList<Operation> operations)
    {
        var blockers = new int[operations.Count];
        Array.Fill(blockers, -1);

        // The last operation seen per effect: its blocker candidate. When the last one completes later than x, an
        // earlier alike one might still qualify, but taking only the nearest keeps this linear; the reduction stays sound.
        var last = new Dictionary<Effect, int>();
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            var effect = new Effect(operation.F, operation.Input, operation.Status == OperationStatus.Ok ? operation.Output : HistoryValue.Null, operation.Status);
            if (last.TryGetValue(effect, out var previous) && CompletesNoLater(operations[previous], operation))
            {
                blockers[i] = previous;
            }

            last[effect] = i;
        }

        return blockers;
    }

    private static bool CompletesNoLater(Operation first, Operation second) =>
        second.Status != OperationStatus.Ok || (first.Status == OperationStatus.Ok && first.CompletionPosition <= second.CompletionPosition);

    /// <summary>What the model sees of an operation.</summary>
    private readonly record struct Effect(string F, HistoryValue Input, HistoryValue Output, OperationStatus Status);
}
