using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Checker.Tests.Support;

namespace RaftChaos.Checker.Tests.Corpus;

/// <summary>The 108 Porcupine histories with known verdicts (shared/histories/porcupine/MANIFEST.tsv): every verdict must agree.</summary>
public sealed class PorcupineCorpusTests
{
    [Test]
    public void Check_EveryManifestHistory_AgreesWithExpectedVerdict()
    {
        var folder = Path.Combine(SharedHistories.RequireFolder().FullName, "porcupine");
        var rows = File.ReadAllLines(Path.Combine(folder, "MANIFEST.tsv")).Skip(1).Where(line => line.Length > 0).ToList();
        var checker = new LinearizabilityChecker();
        var disagreements = new List<string>();
        foreach (var columns in rows.Select(row => row.Split('\t')))
        {
            var (file, modelName, operations, expected) = (columns[0], columns[1], int.Parse(columns[2]), columns[4]);
            var history = OperationHistory.Load(Path.Combine(folder, file));
            var result = checker.Check(history, BuiltInModels.Find(modelName)!);
            var actual = result.Verdict switch
            {
                Verdict.Valid => "linearizable",
                Verdict.Invalid => "not-linearizable",
                _ => "unknown",
            };
            if (actual != expected || history.Operations.Count != operations)
            {
                disagreements.Add($"{file}: expected {expected} with {operations} ops, got {actual} with {history.Operations.Count} ops");
            }
        }

        Assert.That(rows, Has.Count.EqualTo(108), "MANIFEST.tsv should list 108 histories");
        Assert.That(disagreements, Is.Empty, string.Join("\n", disagreements));
    }
}
