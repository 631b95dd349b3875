namespace RaftChaos.Checker.Search;

/// <summary>
/// The reductions the search applies on top of Wing &amp; Gong / Lowe. Each keeps the search sound and complete (the
/// proofs are where each is applied, in <see cref="LinearizabilitySearch{TState}"/> and
/// <see cref="IdenticalOperations"/>); they are switchable only so that tests can compare the reduced search with the
/// plain one and benchmarks can measure each on its own.
/// </summary>
[Flags]
internal enum SearchReductions
{
    /// <summary>The plain search.</summary>
    None = 0,

    /// <summary>A pending read that is legal now (it saw the current value) is linearized at once, with no alternative tried.</summary>
    ForcedNoOps = 1,

    /// <summary>Of two pending operations with the same effect, the one that must complete first is tried first, the other never before it.</summary>
    IdenticalOperations = 2,

    /// <summary>An info blind write is placed only where it changes the state and an observer (read, cas) comes right after it.</summary>
    LazyInfoWrites = 4,

    /// <summary>A configuration where some pending ok operation can no longer become legal is abandoned at once (<see cref="EnablerIndex"/>).</summary>
    StarvedOperations = 8,

    /// <summary>
    /// With <see cref="StarvedOperations"/>: a producer that an acknowledged write must overwrite before the operation it
    /// would enable does not count as its enabler (<see cref="EnablerIndex"/>).
    /// </summary>
    OverwrittenEnablers = 16,

    /// <summary>
    /// Candidate order: every ok candidate is tried before any info one. Not in <see cref="All"/>: measured, it decided one
    /// stress history more and lost two others (valid ones it sent into a long detour); kept for measurements.
    /// </summary>
    InfoLast = 32,

    /// <summary>The reductions that pay: the default.</summary>
    All = ForcedNoOps | IdenticalOperations | LazyInfoWrites | StarvedOperations | OverwrittenEnablers,
}
