using RaftChaos.Checker.History;
using RaftChaos.Checker.Search;

namespace RaftChaos.Checker.Models;

/// <summary>
/// A model as a record of pure functions, in the manner of Porcupine: an initial state, a step, state equality
/// (with hashing) and a description for counterexamples. States must be immutable.
/// </summary>
/// <typeparam name="TState">The model's state, e.g. the register's current value.</typeparam>
public sealed record Model<TState> : Model
    where TState : notnull
{
    /// <summary>The state before any operation.</summary>
    public required TState Init { get; init; }

    /// <summary>
    /// The transition function. It must read only the operation's function, input, output and status: the search treats
    /// operations alike in these as interchangeable (see <see cref="Search.IdenticalOperations"/>).
    /// </summary>
    public required ModelStep<TState> Step { get; init; }

    /// <summary>
    /// When an operation is legal in one state only, true and that state (a read of 3: the value 3; a cas [3, 4]: the
    /// value 3); false when it may be legal in several or the model does not say. Optional: it lets the search find in
    /// linear time which operations can make which legal (see <see cref="Search.EnablerIndex"/>), where it would
    /// otherwise try every pair of state and operation. Default: never says (safe for value-type states too).
    /// </summary>
    public ModelOnlyLegalIn<TState> OnlyLegalIn { get; init; } = NeverSays;

    /// <summary>Equality and hashing of states; the search memoizes on them. Default: <see cref="EqualityComparer{T}.Default"/>.</summary>
    public IEqualityComparer<TState> StateComparer { get; init; } = EqualityComparer<TState>.Default;

    /// <summary>A short text for a state in counterexamples. Default: <c>ToString()</c>.</summary>
    public Func<TState, string> DescribeState { get; init; } = static state => state?.ToString() ?? "null";

    private static bool NeverSays(Operation operation, out TState state)
    {
        state = default!;
        return false;
    }

    /// <inheritdoc />
    internal override PartitionOutcome Search(IReadOnlyList<Operation> operations, SearchBudget budget, SearchReductions reductions) =>
        new LinearizabilitySearch<TState>(this, operations, budget, reductions).Run();
}
