using RaftChaos.Checker.Composition;

namespace RaftChaos.Controller.Checks;

/// <summary>
/// A check read from the node logs a run collected (<c>nodes/*.log</c>, each line prefixed by the engine's timestamp).
/// A system under test lists its own (<see cref="Targets.ISystemUnderTest.NodeLogChecks"/>); adding one is one file
/// plus one line in that list. Pure: lines in, an outcome out.
/// </summary>
public interface INodeLogCheck
{
    /// <summary>The check's stable name, e.g. <c>election-safety</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Checks <paramref name="lines"/> (every node's, in any order). Findings are timed on the history's clock:
    /// seconds since <paramref name="historyOrigin"/>, the host's wall clock at history time 0.
    /// </summary>
    CheckOutcome Check(IEnumerable<string> lines, DateTimeOffset historyOrigin);
}
