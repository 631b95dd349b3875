using RaftChaos.Checker;
using RaftChaos.Checker.History;

namespace RaftChaos.Controller.Cluster;

/// <summary>What <see cref="ChaosCluster.RunWorkloadAsync"/> recorded and what the checker decided.</summary>
/// <param name="History">Every client operation and nemesis event, paired into operations.</param>
/// <param name="Check">The linearizability verdict per key, with counterexamples for invalid keys.</param>
public sealed record WorkloadCheck(OperationHistory History, CheckResult Check)
{
    /// <summary>Valid, invalid or unknown (the checker hit its bound).</summary>
    public Verdict Verdict => Check.Verdict;
}
