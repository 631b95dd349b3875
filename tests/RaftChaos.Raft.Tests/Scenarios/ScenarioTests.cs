using System.Runtime.CompilerServices;

namespace RaftChaos.Raft.Tests.Scenarios;

/// <summary>
/// Data-driven scenarios: each Scenarios/NAME.txt is run and its trace compared with Scenarios/NAME.golden.
/// Set REWRITE=1 to regenerate the golden files (then review the diff).
/// </summary>
public sealed class ScenarioTests
{
    private static string Directory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public static IEnumerable<TestCaseData> Scripts() =>
        System.IO.Directory.GetFiles(Directory(), "*.txt").Order()
            .Select(f => new TestCaseData(Path.GetFileNameWithoutExtension(f)).SetName($"Scenario_{Path.GetFileNameWithoutExtension(f)}"));

    [TestCaseSource(nameof(Scripts))]
    public void Scenario_MatchesGoldenTrace(string name)
    {
        var script = File.ReadAllText(Path.Combine(Directory(), name + ".txt"));
        var actual = new ScenarioRunner().Run(script);
        var goldenPath = Path.Combine(Directory(), name + ".golden");
        if (Environment.GetEnvironmentVariable("REWRITE") == "1")
        {
            File.WriteAllText(goldenPath, actual);
            Assert.Pass("golden file rewritten");
        }
        Assert.That(File.Exists(goldenPath), Is.True, $"missing {goldenPath}: run with REWRITE=1");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(goldenPath)));
    }
}
