using RaftChaos.Runs;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Tests.Support;

/// <summary>Plans and made-up outcomes for tests that need no Docker.</summary>
internal static class Outcomes
{
    public static NightlyPlan Plan(int runs = 2, bool matrix = true, int matrixSeeds = 2, params string[] bugs) =>
        NightlyPlanner.Plan(new NightlyOptions
        {
            Runs = runs,
            TimeLimit = TimeSpan.FromSeconds(15),
            Nodes = [3],
            Workloads = ["register"],
            Seed = 7,
            Matrix = matrix,
            MatrixSeeds = matrixSeeds,
            MatrixBugs = bugs,
        });

    /// <summary>What a run would produce with a given verdict, its folder under <paramref name="night"/>.</summary>
    public static RunOutcome For(PlannedRun run, RunVerdict verdict, string night = "/night", double detectedAfter = 12.5) => new(
        run,
        verdict,
        run.TimeLimit + TimeSpan.FromSeconds(20),
        Path.Combine(night, "runs", run.Name, "20261126T040000"),
        new RunCounts(945, 900, 40, 5, 10),
        new FailoverRecord(800, 4, [new LeaderKillRecord(1000, "n1", 300), new LeaderKillRecord(2000, "n2", 500), new LeaderKillRecord(3000, "n3", null)]),
        verdict == RunVerdict.Invalid ? new RunDetection("linearizability", detectedAfter, "p1 read -> 2", run.Workload == "kv" ? "k3" : null) : null,
        verdict switch { RunVerdict.Valid => 0, RunVerdict.Invalid => 1, RunVerdict.Unknown => 2, _ => 70 },
        verdict == RunVerdict.Error ? "exit 70, no run folder was written" : null);

    /// <summary>The outcome each run is meant to have: clean valid, matrix invalid.</summary>
    public static RunOutcome Expected(PlannedRun run, string night = "/night") =>
        For(run, run.Kind == RunKind.Clean ? RunVerdict.Valid : RunVerdict.Invalid, night);
}
