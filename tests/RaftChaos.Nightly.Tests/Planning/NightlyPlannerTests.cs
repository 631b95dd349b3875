using System.Text.RegularExpressions;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Tests.Planning;

public sealed class NightlyPlannerTests
{
    private static NightlyOptions Options(long seed = 42, int runs = 8, bool matrix = true) => new()
    {
        Runs = runs,
        Seed = seed,
        Nodes = [3, 5],
        Workloads = ["register", "kv"],
        Nemeses = ["all", "partition,kill"],
        Matrix = matrix,
    };

    [Test]
    public void Plan_AnotherTarget_EveryCleanRunReplaysAgainstIt()
    {
        var options = Options(matrix: false);
        options.Target = "etcd";
        options.Nemeses = ["partition,kill,pause"];

        var plan = NightlyPlanner.Plan(options);

        Assert.That(plan.Runs.Select(r => r.ReplayCommand), Has.All.StartWith("raftchaos run --target etcd --nodes "));
        Assert.That(plan.Runs[0].Configuration, Does.StartWith("etcd n3 "));
        Assert.That(NightlyPlanner.Plan(Options(matrix: false)).Runs.Select(r => r.ReplayCommand), Has.None.Contains("--target"), "our node is the default");
    }

    [Test]
    public void Validate_MatrixWithAnotherTarget_RefusedSayingWhy()
    {
        var options = Options();
        options.Target = "etcd";

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.That(error!.Message, Does.StartWith("the validation matrix switches on bugs of target raftchaos; with target 'etcd' run the clean runs only (drop --matrix)"));
    }

    [Test]
    public void Plan_SameOptions_SamePlan()
    {
        var first = NightlyPlanner.Plan(Options());
        var second = NightlyPlanner.Plan(Options());
        Assert.That(second.Runs, Is.EqualTo(first.Runs));
    }

    [Test]
    public void Plan_OtherSeed_OtherRunSeedsSameCombinations()
    {
        var first = NightlyPlanner.Plan(Options(seed: 42));
        var second = NightlyPlanner.Plan(Options(seed: 43));
        Assert.That(second.Runs.Select(r => r.Seed), Is.Not.EqualTo(first.Runs.Select(r => r.Seed)));
        Assert.That(second.Runs.Select(r => r.Configuration), Is.EqualTo(first.Runs.Select(r => r.Configuration)));
    }

    [Test]
    public void Plan_CleanRuns_CycleEveryCombinationEvenly()
    {
        var plan = NightlyPlanner.Plan(Options(runs: 16, matrix: false));
        var clean = plan.CleanRuns.ToArray();
        Assert.That(clean, Has.Length.EqualTo(16));
        var counts = clean.GroupBy(r => (r.Nodes, r.Workload, r.Nemesis)).Select(g => g.Count()).ToArray();
        Assert.That(counts, Has.Length.EqualTo(8));
        Assert.That(counts, Is.All.EqualTo(2));
        Assert.That(clean.Select(r => r.Unsafe), Is.All.Null);
        Assert.That(clean.Select(r => r.Nodes).Take(2), Is.EqualTo(new[] { 3, 5 }), "consecutive runs differ in cluster size first");
    }

    [Test]
    public void Plan_Seeds_DistinctAndAcceptedByRunSeedOption()
    {
        var plan = NightlyPlanner.Plan(Options(runs: 40));
        Assert.That(plan.Runs.Select(r => r.Seed), Is.Unique);
        Assert.That(plan.Runs.Select(r => r.Seed), Is.All.InRange(1L, int.MaxValue));
    }

    [Test]
    public void Plan_Matrix_EveryBugWithItsFaultsAndEverySeed()
    {
        var plan = NightlyPlanner.Plan(Options(runs: 2) is var o ? Set(o, seeds: 3) : o);
        var matrix = plan.MatrixRuns.ToArray();
        Assert.That(plan.Runs.Take(2).Select(r => r.Kind), Is.All.EqualTo(RunKind.Clean), "clean runs come first");
        Assert.That(matrix, Has.Length.EqualTo(ValidationMatrix.Exposures.Count * 3));
        var byBug = matrix.GroupBy(r => r.Unsafe!).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.That(byBug.Keys, Is.EquivalentTo(new[] { "stale-reads", "lease-reads", "forget-vote", "ack-before-persist", "continue-after-fsync-error", "commit-old-term", "membership-on-append" }));
        Assert.That(byBug["stale-reads"].Select(r => r.Nemesis), Is.All.Contains("partition"));
        Assert.That(byBug["lease-reads"].Select(r => r.Nemesis), Is.All.EqualTo("slow-leader"));
        Assert.That(byBug["forget-vote"].Select(r => r.Nemesis), Is.All.EqualTo("swap-leader"));
        Assert.That(byBug["ack-before-persist"].Select(r => r.Nemesis), Is.All.Contains("kill"));
        Assert.That(byBug["continue-after-fsync-error"].Select(r => r.Nemesis), Is.All.EqualTo("disk"));
        Assert.That(byBug["commit-old-term"].Select(r => r.Nemesis), Is.All.EqualTo("none"), "the failpoint is the fault");
        Assert.That(byBug["membership-on-append"].Select(r => r.Nemesis), Is.All.EqualTo("membership"));
        Assert.That(byBug.Values.Select(runs => runs.Select(r => r.Seed).Distinct().Count()), Is.All.EqualTo(3));
    }

    [Test]
    public void Plan_MatrixBugs_OnlyThose()
    {
        var options = Options(runs: 0);
        options.MatrixBugs = ["lease-reads"];
        options.MatrixSeeds = 2;
        var plan = NightlyPlanner.Plan(options);
        Assert.That(plan.Runs.Select(r => r.Name), Is.EqualTo(new[] { "m01-lease-reads-s1", "m02-lease-reads-s2" }));
        Assert.That(plan.Exposures.Select(e => e.Bug), Is.EqualTo(new[] { "lease-reads" }));
    }

    [Test]
    public void Plan_WithoutMatrix_NoMatrixRuns()
    {
        var plan = NightlyPlanner.Plan(Options(matrix: false));
        Assert.That(plan.MatrixRuns, Is.Empty);
        Assert.That(plan.Exposures, Is.Empty);
    }

    [Test]
    public void Plan_Names_UniqueAndValidStoreNames()
    {
        var plan = NightlyPlanner.Plan(Options(runs: 12));
        Assert.That(plan.Runs.Select(r => r.Name), Is.Unique);
        Assert.That(plan.Runs.Select(r => r.Name), Is.All.Matches<string>(n => n is not null && Regex.IsMatch(n, "^[A-Za-z0-9_.-]{1,100}$")));
    }

    [Test]
    public void ReplayCommand_NamesEveryPlannedSetting()
    {
        var plan = NightlyPlanner.Plan(Options(runs: 0));
        var run = plan.Runs[0];
        Assert.That(run.ReplayCommand, Is.EqualTo(
            $"raftchaos run --nodes 3 --workload register --nemesis partition --time-limit 60 --unsafe stale-reads --seed {run.Seed}"));
    }

    [Test]
    public void Plan_KillBugs_FasterNemesisInterval()
    {
        var plan = NightlyPlanner.Plan(Options(runs: 0));
        var ack = plan.MatrixRuns.First(r => r.Unsafe == "ack-before-persist");
        Assert.That(ack.NemesisInterval, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(ack.ReplayCommand, Does.Contain("--nemesis kill --nemesis-interval 3s --time-limit 60 --unsafe ack-before-persist --seed "));
        var forget = plan.MatrixRuns.First(r => r.Unsafe == "forget-vote");
        Assert.That(forget.ReplayCommand, Does.Contain("--nemesis swap-leader --nemesis-interval 4s --time-limit 60 --failpoint crash-after-vote=0.5 --unsafe forget-vote --seed "));
        Assert.That(plan.MatrixRuns.First(r => r.Unsafe == "stale-reads").NemesisInterval, Is.Null);
    }

    [Test]
    public void Estimate_TimeLimitPlusOverheadPerRun()
    {
        var options = Options(runs: 4, matrix: false);
        options.TimeLimit = TimeSpan.FromSeconds(60);
        options.RunOverhead = TimeSpan.FromSeconds(30);
        Assert.That(NightlyPlanner.Plan(options).EstimatedTotal, Is.EqualTo(TimeSpan.FromMinutes(6)));
    }

    [TestCase("nodes")]
    [TestCase("workload")]
    [TestCase("nemesis")]
    [TestCase("bug")]
    [TestCase("seeds")]
    public void Plan_BadOptions_Throws(string what)
    {
        var options = Options();
        switch (what)
        {
            case "nodes": options.Nodes = [0]; break;
            case "workload": options.Workloads = ["bank"]; break;
            case "nemesis": options.Nemeses = ["partition,flood"]; break;
            case "bug": options.MatrixBugs = ["double-commit"]; break;
            case "seeds": options.MatrixSeeds = 0; break;
        }

        Assert.That(() => NightlyPlanner.Plan(options), Throws.InstanceOf<ArgumentException>());
    }

    private static NightlyOptions Set(NightlyOptions options, int seeds)
    {
        options.MatrixSeeds = seeds;
        return options;
    }

    [Test]
    public void ReplayCommand_CarriesTheMatrixClientLoadAndFailpoint()
    {
        var plan = NightlyPlanner.Plan(Options(runs: 0));
        var lease = plan.MatrixRuns.First(r => r.Unsafe == "lease-reads");
        var forget = plan.MatrixRuns.First(r => r.Unsafe == "forget-vote");

        Assert.That(lease.ReplayCommand, Does.Contain("--nemesis slow-leader").And.Contain("--concurrency 15 --rate 150 --timeout 1000ms"));
        Assert.That(forget.ReplayCommand, Does.Contain("--failpoint crash-after-vote=0.5"));
        Assert.That(plan.MatrixRuns.First(r => r.Unsafe == "commit-old-term").ReplayCommand, Does.Contain("--nemesis none").And.Contain("--failpoint crash-before-first-append=1"));
        Assert.That(plan.MatrixRuns.First(r => r.Unsafe == "stale-reads").ReplayCommand, Does.Not.Contain("--failpoint").And.Not.Contain("--concurrency"));
    }
}
