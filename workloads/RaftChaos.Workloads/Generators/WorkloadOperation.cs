using RaftChaos.Checker.History;

namespace RaftChaos.Workloads.Generators;

/// <summary>
/// One operation a generator asks a process to perform, as it will appear in the history's <c>invoke</c> event.
/// </summary>
/// <param name="F">The function: <c>read</c>, <c>write</c> or <c>cas</c>.</param>
/// <param name="Key">The history key; null for the single register of the <c>register</c> workload.</param>
/// <param name="Value">The invoke value: null for a read, the integer for a write, <c>[expected, new]</c> for a cas.</param>
public sealed record WorkloadOperation(string F, string? Key, HistoryValue Value)
{
    /// <summary>The key on the node that holds the single register (history key null). The node needs a non-empty key.</summary>
    public const string RegisterNodeKey = "register";

    /// <summary>The key sent to the node: <see cref="Key"/>, or <see cref="RegisterNodeKey"/> for the single register.</summary>
    public string NodeKey => Key ?? RegisterNodeKey;

    /// <summary>True for reads, which never change the state (so an ambiguous read may be recorded as <c>fail</c>).</summary>
    public bool IsRead => F == Functions.Read;

    /// <summary>A read of <paramref name="key"/>.</summary>
    public static WorkloadOperation Read(string? key) => new(Functions.Read, key, HistoryValue.Null);

    /// <summary>A write of <paramref name="value"/> to <paramref name="key"/>.</summary>
    public static WorkloadOperation Write(string? key, long value) => new(Functions.Write, key, HistoryValue.Of(value));

    /// <summary>A compare-and-set of <paramref name="key"/> from <paramref name="expected"/> to <paramref name="value"/>.</summary>
    public static WorkloadOperation Cas(string? key, long expected, long value) =>
        new(Functions.Cas, key, HistoryValue.ListOf(HistoryValue.Of(expected), HistoryValue.Of(value)));

    /// <summary>
    /// An append of <paramref name="suffix"/> to <paramref name="key"/>. The suffix must hold a non-digit: a value made
    /// only of appended digits would read back as an integer (<c>NodeValueCodec</c>), which the model's string does not equal.
    /// </summary>
    public static WorkloadOperation Append(string? key, string suffix) => new(Functions.Append, key, HistoryValue.Of(suffix));

    /// <summary>The function names the workloads use (the checker's register semantics).</summary>
    public static class Functions
    {
        /// <summary><c>read</c>: invoke value null, ok value what was seen (null for a key never written).</summary>
        public const string Read = "read";

        /// <summary><c>write</c>: value the integer written.</summary>
        public const string Write = "write";

        /// <summary><c>cas</c>: value <c>[expected, new]</c>; fails when the current value is not <c>expected</c>.</summary>
        public const string Cas = "cas";

        /// <summary><c>append</c>: value the string added to the key's value (absent = ""); the kv model's string semantics.</summary>
        public const string Append = "append";
    }
}
