using System.Text.Json;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;
using RaftChaos.Nightly.Summary;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Summary;

public sealed class SummaryJsonTests
{
    private static JsonElement Write(NightlySummary summary)
    {
        using var stream = new MemoryStream();
        SummaryJson.Write(summary, stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement;
    }

    private static NightlySummary Summary(Func<PlannedRun, RunOutcome> outcome)
    {
        var plan = Outcomes.Plan(runs: 3, bugs: ["stale-reads"]);
        var start = new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);
        return SummaryBuilder.Build("2026-11-26", start, start.AddMinutes(10), plan,
            new NightlyExecution([.. plan.Runs.Select(outcome)], false, null, null), "/night");
    }

    [Test]
    public void Write_Runs_ValidIsTrueFalseOrUnknown()
    {
        var json = Write(Summary(r => r.Index switch
        {
            0 => Outcomes.For(r, RunVerdict.Valid),
            1 => Outcomes.For(r, RunVerdict.Invalid),
            2 => Outcomes.For(r, RunVerdict.Unknown),
            _ => Outcomes.Expected(r),
        }));
        var runs = json.GetProperty("runs").EnumerateArray().ToArray();
        Assert.That(runs[0].GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(runs[1].GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(runs[2].GetProperty("valid").GetString(), Is.EqualTo("unknown"));
        Assert.That(json.GetProperty("passed").GetBoolean(), Is.False);
        Assert.That(json.GetProperty("exitCode").GetInt32(), Is.EqualTo(1));
        Assert.That(json.GetProperty("failures").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void Write_Run_CarriesConfigurationCountsPathAndReplay()
    {
        var summary = Summary(r => Outcomes.Expected(r));
        var run = Write(summary).GetProperty("runs")[0];
        var planned = summary.Runs[0].Run;
        Assert.That(run.GetProperty("name").GetString(), Is.EqualTo(planned.Name));
        Assert.That(run.GetProperty("seed").GetInt64(), Is.EqualTo(planned.Seed));
        Assert.That(run.GetProperty("configuration").GetProperty("nodes").GetInt32(), Is.EqualTo(3));
        Assert.That(run.GetProperty("configuration").GetProperty("nemesis").GetString(), Is.EqualTo("all"));
        Assert.That(run.GetProperty("ops").GetProperty("ok").GetInt32(), Is.EqualTo(900));
        Assert.That(run.GetProperty("durationS").GetDouble(), Is.EqualTo(35));
        Assert.That(run.GetProperty("engine").ValueKind, Is.EqualTo(JsonValueKind.Null), "no pool: the default engine");
        Assert.That(run.GetProperty("path").GetString(), Is.EqualTo($"runs/{planned.Name}/20261126T040000"));
        Assert.That(run.GetProperty("replay").GetString(), Is.EqualTo(planned.ReplayCommand));
        Assert.That(run.GetProperty("failover").GetProperty("timeWithoutLeaderS").GetDouble(), Is.EqualTo(0.8));
    }

    [Test]
    public void Write_Matrix_BugCaughtSeedsDetectionAndKey()
    {
        var summary = Summary(r => Outcomes.Expected(r));
        var bug = Write(summary).GetProperty("matrix")[0];
        Assert.That(bug.GetProperty("bug").GetString(), Is.EqualTo("stale-reads"));
        Assert.That(bug.GetProperty("caught").GetBoolean(), Is.True);
        Assert.That(bug.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt64()), Is.EqualTo(summary.Matrix[0].Seeds));
        Assert.That(bug.GetProperty("caughtSeeds").GetArrayLength(), Is.EqualTo(2));
        Assert.That(bug.GetProperty("detectionRate").GetDouble(), Is.EqualTo(1));
        Assert.That(bug.GetProperty("detectedAfterS").GetDouble(), Is.EqualTo(12.5));
        Assert.That(bug.GetProperty("failingKey").ValueKind, Is.EqualTo(JsonValueKind.Null), "the register workload has no key");
    }

    [Test]
    public void Write_ThenTrendParse_RoundTripsTotalsAndFigures()
    {
        using var stream = new MemoryStream();
        var summary = Summary(r => Outcomes.Expected(r));
        SummaryJson.Write(summary, stream);
        var night = TrendReader.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()), "x");
        Assert.That(night, Is.Not.Null);
        Assert.That(night!.Name, Is.EqualTo("2026-11-26"));
        Assert.That(night.Passed, Is.True);
        Assert.That(night.Figures, Is.EqualTo(NightFigures.From(summary)));
    }
}
