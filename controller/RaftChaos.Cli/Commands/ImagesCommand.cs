using System.CommandLine;
using System.Diagnostics;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Images;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos images build</c>: makes sure the base image exists (compose/build-base.sh builds it when missing)
/// and builds the node image from a self-contained publish, tagged <c>raftchaos/node:latest</c> and
/// <c>raftchaos/node:HASH</c>; when the hash tag exists the publish and build are skipped (see <see cref="NodeImage"/>).
/// </summary>
internal static class ImagesCommand
{
    public static Command Create()
    {
        var repo = new Option<string?>("--repo") { Description = "the repository root (default: found from the current directory)" };
        var force = new Option<bool>("--force") { Description = "publish and build the node image even if its hash tag exists" };
        var build = new Command("build", "Build the base image (if missing), the node image and the network helper image (each if its inputs changed)") { repo, force };
        build.SetAction((r, ct) => BuildAsync(r.GetValue(repo), r.GetValue(force), ct));
        return new Command("images", "Build the Docker images of the bed") { build };
    }

    private static async Task<int> BuildAsync(string? repoOption, bool force, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await using var engine = await DockerEngine.ConnectAsync(null, null, ct).ConfigureAwait(false);
            Step($"Docker engine {engine.ServerVersion}");
            var tag = await NodeImage.EnsureAsync(new NodeImageOptions { RepositoryRoot = repoOption, Force = force, TagLatest = true }, Step, ct).ConfigureAwait(false);
            Step($"{tag} ready in {clock.Elapsed.TotalSeconds:F1} s");
            var helper = await NetHelperImage.EnsureAsync(repoOption, Step, ct).ConfigureAwait(false);
            Step($"{helper} (network helper with the netem delayer) ready in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        }
        catch (DockerUnavailableException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.Unavailable;
        }
        catch (NodeImageException ex)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 1;
        }
    }

    private static void Step(string text) => Console.WriteLine($"[images] {text}");
}
