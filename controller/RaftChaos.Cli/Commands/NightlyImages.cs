using RaftChaos.Controller.Images;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Targets;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// Builds the images a night needs once, before its runs start: with a pool of engines several <c>raftchaos run</c>
/// processes start at once, and the image build is guarded within one process only (two runs building the node image
/// together clash in its build folder). Built on the build engine (DOCKER_HOST); each run ships them from there to its
/// own engine when that engine lacks them.
/// </summary>
public static class NightlyImages
{
    /// <summary>Ensures every target's image of <paramref name="plan"/>, and the network helper image when a run may inject netem.</summary>
    public static async Task PrepareAsync(NightlyPlan plan, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var name in plan.Runs.Select(r => r.Settings.Target).Distinct(StringComparer.Ordinal))
        {
            var target = SystemsUnderTest.Find(name) ?? throw new ArgumentException($"unknown target '{name}'", nameof(plan));
            log($"image of {name}: {await target.EnsureImageAsync(log, cancellationToken).ConfigureAwait(false)}");
        }
        if (plan.Runs.Any(r => NemesisOptions.ParseKinds(r.Nemesis, out _)?.Contains("netem") == true))
        {
            log($"network helper image: {await NetHelperImage.EnsureAsync(null, log, cancellationToken).ConfigureAwait(false)}");
        }
    }
}
