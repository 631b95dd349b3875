using RaftChaos.Nightly.Summary;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Summary;

public sealed class TrendReaderTests
{
    private static string Summary(string name, bool passed, int valid, double noLeader) =>
        $$$"""{"name":"{{{name}}}","passed":{{{(passed ? "true" : "false")}}},"totals":{"clean_runs":20,"valid":{{{valid}}},"invalid":{{{20 - valid}}},"unknown":0,"errors":0,"bugs":5,"bugs_caught":5},"figures":{"time_without_leader_s_median":{{{noLeader}}},"kill_to_next_write_s_median":null}}""";

    [Test]
    public async Task ReadAsync_LastNightsOldestFirst_SkippingUnreadable()
    {
        using var store = new TempDirectory();
        var nights = Path.Combine(store.Path, "nightly");
        void Night(string name, string? json)
        {
            Directory.CreateDirectory(Path.Combine(nights, name));
            if (json is not null) File.WriteAllText(Path.Combine(nights, name, "summary.json"), json);
        }

        Night("2026-11-23", Summary("2026-11-23", true, 20, 0.4));
        Night("2026-11-24", "{ not json");
        Night("2026-11-25", Summary("2026-11-25", false, 19, 0.6));
        Night("2026-11-26", null);
        Night("2026-11-26T120000", Summary("2026-11-26T120000", true, 20, 0.5));

        var trend = await TrendReader.ReadAsync(nights, 2, CancellationToken.None);
        Assert.That(trend.Select(n => n.Name), Is.EqualTo(new[] { "2026-11-25", "2026-11-26T120000" }));
        Assert.That(trend[0].Passed, Is.False);
        Assert.That(trend[0].Figures.Invalid, Is.EqualTo(1));
        Assert.That(trend[1].Figures.TimeWithoutLeaderSeconds, Is.EqualTo(0.5));
        Assert.That(trend[1].Figures.KillToNextWriteSeconds, Is.Null);

        var all = await TrendReader.ReadAsync(nights, 14, CancellationToken.None);
        Assert.That(all.Select(n => n.Name), Is.EqualTo(new[] { "2026-11-23", "2026-11-25", "2026-11-26T120000" }));
    }

    [Test]
    public void Parse_CamelCaseAndOldSnakeCase_ReadTheSame()
    {
        const string camel = """{"formatVersion":2,"name":"n","passed":true,"totals":{"cleanRuns":20,"valid":19,"invalid":1,"unknown":0,"errors":0,"bugs":5,"bugsCaught":4},"figures":{"timeWithoutLeaderSMedian":0.5,"killToNextWriteSMedian":1.25}}""";
        const string snake = """{"name":"n","passed":true,"totals":{"clean_runs":20,"valid":19,"invalid":1,"unknown":0,"errors":0,"bugs":5,"bugs_caught":4},"figures":{"time_without_leader_s_median":0.5,"kill_to_next_write_s_median":1.25}}""";

        var fromCamel = TrendReader.Parse(camel, "n");
        var fromSnake = TrendReader.Parse(snake, "n");

        Assert.That(fromCamel, Is.Not.Null);
        Assert.That(fromCamel, Is.EqualTo(fromSnake));
        Assert.That(fromCamel!.Figures.BugsCaught, Is.EqualTo(4));
        Assert.That(fromCamel.Figures.KillToNextWriteSeconds, Is.EqualTo(1.25));
    }

    [Test]
    public async Task ReadAsync_NoStore_Empty() =>
        Assert.That(await TrendReader.ReadAsync("/nonexistent/nightly", 14, CancellationToken.None), Is.Empty);
}
