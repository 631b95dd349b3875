using System.Globalization;

namespace RaftChaos.Nightly.Planning;

/// <summary>
/// Turns <see cref="NightlyOptions"/> into a <see cref="NightlyPlan"/>. Pure: the same options give the same plan, so a
/// night is replayed from its seed alone.
/// </summary>
public static class NightlyPlanner
{
    /// <summary>The seed stream of the clean runs (matrix runs use their bug's name).</summary>
    public const string CleanStream = "clean";

    /// <summary>Plans the night.</summary>
    /// <exception cref="ArgumentException">The options cannot work (see <see cref="NightlyOptions.Validate"/>).</exception>
    public static NightlyPlan Plan(NightlyOptions options)
    {
        options.Validate();
        var runs = new List<PlannedRun>();

        // Combinations in a fixed order (nodes, then workload, then nemesis), cycled: with N a multiple of their count
        // every combination gets the same number of runs, and consecutive runs differ in cluster size first.
        var combinations = (
            from nemesis in options.Nemeses
            from workload in options.Workloads
            from nodes in options.Nodes
            select (nodes, workload, nemesis)).ToArray();
        for (var i = 0; i < options.Runs; i++)
        {
            var (nodes, workload, nemesis) = combinations[i % combinations.Length];
            var name = string.Create(CultureInfo.InvariantCulture, $"{i + 1:00}-n{nodes}-{workload}-{Slug(nemesis)}");
            runs.Add(new PlannedRun(
                runs.Count, RunKind.Clean, name, nodes, workload, nemesis,
                SeedSequence.Derive(options.Seed, CleanStream, i), options.TimeLimit, null, Target: options.Target));
        }

        var exposures = !options.Matrix ? []
            : options.MatrixBugs.Count == 0 ? ValidationMatrix.Exposures
            : ValidationMatrix.Exposures.Where(exposure => options.MatrixBugs.Contains(exposure.Bug)).ToArray();

        // Every seed of every bug runs, bug by bug: the detection rate needs all of them (see docs/validation.md).
        var matrixNumber = 0;
        foreach (var exposure in exposures)
        {
            for (var s = 0; s < options.MatrixSeeds; s++)
            {
                matrixNumber++;
                var name = string.Create(CultureInfo.InvariantCulture, $"m{matrixNumber:00}-{exposure.Bug}-s{s + 1}");
                runs.Add(new PlannedRun(
                    runs.Count, RunKind.Matrix, name, exposure.Nodes, exposure.Workload, exposure.Nemesis,
                    SeedSequence.Derive(options.Seed, exposure.Bug, s), options.TimeLimit, exposure.Bug, exposure.NemesisInterval, exposure.Load, exposure.Failpoint));
            }
        }

        return new NightlyPlan(options.Seed, runs, exposures, options.RunOverhead);
    }

    // "partition,kill" -> "partition_kill": names become folder names (letters, digits, '-', '_', '.' only).
    private static string Slug(string nemesis) => nemesis.Replace(',', '_');
}
