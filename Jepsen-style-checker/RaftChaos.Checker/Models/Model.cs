using RaftChaos.Checker.History;
using RaftChaos.Checker.Search;

namespace RaftChaos.Checker.Models;

/// <summary>
/// A sequential specification the checker compares a history against: the parts that do not depend on the state type.
/// The state-dependent parts (init, step, equality, describe) are in <see cref="Model{TState}"/>, the only subtype.
/// </summary>
public abstract record Model
{
    // Closed: the search is generic over the state, so only Model<TState> can provide it.
    private protected Model()
    {
    }

    /// <summary>The name used on the command line, e.g. <c>cas-register</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The functions (<c>f</c> values) this model understands; any other makes the history malformed for it.</summary>
    public required IReadOnlyList<string> Functions { get; init; }

    /// <summary>
    /// Whether operations on different keys are independent (P-compositionality): each key is then checked on its own,
    /// in parallel. True for all built-in models: every key is its own register.
    /// </summary>
    public bool PartitionByKey { get; init; } = true;

    /// <summary>
    /// Whether an operation never changes the state (a read). An <c>info</c> operation that is read-only carries no
    /// information and is dropped before the search.
    /// </summary>
    public Func<Operation, bool> IsReadOnly { get; init; } = static _ => false;

    /// <summary>
    /// Whether an operation is a blind write: always legal, and the state after it does not depend on the state before
    /// (a register's write, a kv put). The search then places an <c>info</c> blind write only where an observer follows
    /// it (see <see cref="Search.SearchReductions.LazyInfoWrites"/>). Default: none is, which only makes the search slower.
    /// </summary>
    public Func<Operation, bool> IsBlindWrite { get; init; } = static _ => false;

    /// <summary>A short text for an operation in counterexamples.</summary>
    public Func<Operation, string> DescribeOperation { get; init; } = static operation => operation.Describe();

    /// <summary>Why the model cannot check <paramref name="operation"/>, or null when it can.</summary>
    public string? Validate(Operation operation) =>
        Functions.Contains(operation.F)
            ? null
            : $"f \"{operation.F}\" is not supported by model {Name} (it supports {string.Join(", ", Functions)})";

    /// <summary>Runs the linearizability search on the operations of one partition.</summary>
    internal abstract PartitionOutcome Search(IReadOnlyList<Operation> operations, SearchBudget budget, SearchReductions reductions);
}
