using RaftChaos.Checker;
using RaftChaos.Checker.Composition;
using RaftChaos.Report.Input;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Tests.Support;

/// <summary>What a run tells the report, for <see cref="TestHistories.WithFaults"/> and generated histories.</summary>
internal static class TestRuns
{
    /// <summary>A run of <see cref="TestHistories.WithFaults"/> with a seed, a configuration in words, figures and the node of each process.</summary>
    public static ReportRun WithFaults { get; } = new(
        "kv-partition-kill",
        "kv",
        7,
        "replay --seed 7 --workload kv --nemesis partition,kill",
        [new ReportField("Nodes", "3"), new ReportField("Faults", "partition, kill"), new ReportField("Rate", "100 operations/s")],
        [],
        [new ReportField("Time unavailable", "3.5 ms"), new ReportField("Epochs", "3")],
        [],
        new Dictionary<int, string> { [0] = "n1", [1] = "n2", [2] = "n3", [3] = "n1" },
        null);

    /// <summary>The finding of <see cref="WithInvalidNodeLogCheck"/>'s failing check.</summary>
    public const string NodeLogFinding = "epoch 4 had 2 primaries: n1, n3";

    /// <summary>
    /// <see cref="WithFaults"/> whose linearizability passed but whose node-log check found something at 30.5 ms on the
    /// history's clock (29.5 ms after its first event): the run is invalid because of that check alone.
    /// </summary>
    public static ReportRun WithInvalidNodeLogCheck { get; } = WithFaults with
    {
        Title = "kv-two-primaries",
        Checks =
        [
            CheckOutcome.Valid(LinearizabilityOutcome.Name),
            new CheckOutcome("primary-safety", Verdict.Invalid, [new Finding(NodeLogFinding, 0.0305)]),
            CheckOutcome.Valid("log-safety"),
        ],
    };

    /// <summary>A run whose linearizability passed and whose node-log check found something at <paramref name="atSeconds"/> (history clock).</summary>
    public static ReportRun WithInvalidNodeLogCheckAt(double atSeconds) => WithInvalidNodeLogCheck with
    {
        Checks = [CheckOutcome.Valid(LinearizabilityOutcome.Name), new CheckOutcome("primary-safety", Verdict.Invalid, [new Finding(NodeLogFinding, atSeconds)]), CheckOutcome.Valid("log-safety")],
    };

    /// <summary>A run with one lane: which node was primary when, on the history's clock (seconds).</summary>
    public static ReportRun WithLane(params LaneSegment[] segments) => WithFaults with { Lanes = [new ReportLane("primary", segments)] };
}
