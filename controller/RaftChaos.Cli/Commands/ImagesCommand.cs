using System.CommandLine;
using System.Diagnostics;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Images;
using RaftChaos.Controller.Targets;
using RaftChaos.Runs;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos images build [--target raftchaos|etcd]</c>: makes sure the base image exists (compose/build-base.sh
/// builds it when missing), then builds the target's image. Our node (the default): a self-contained publish, tagged
/// <c>raftchaos/node:latest</c> and <c>raftchaos/node:HASH</c>, skipped when the hash tag exists (see <see cref="NodeImage"/>).
/// etcd: <c>raftchaos/etcd:3.4</c> from etcd/Dockerfile, skipped when its inputs label matches (see <see cref="EtcdImage"/>).
/// </summary>
internal static class ImagesCommand
{
    public static Command Create()
    {
        var repo = new Option<string?>("--repo") { Description = "the repository root (default: found from the current directory)" };
        var force = new Option<bool>("--force") { Description = "build the target's image even if one built from the same inputs exists" };
        var target = new Option<string>(RunFlags.Target)
        {
            Description = $"whose image to build: {RaftChaosTarget.TargetName} (our node) or {EtcdTarget.TargetName}",
            DefaultValueFactory = _ => RaftChaosTarget.TargetName,
        };
        target.AcceptOnlyFromAmong(RaftChaosTarget.TargetName, EtcdTarget.TargetName);
        var build = new Command("build", "Build the base image (if missing), the target's image and the network helper image (each if its inputs changed)") { repo, force, target };
        build.SetAction((r, ct) => BuildAsync(r.GetValue(repo), r.GetValue(force), r.GetValue(target)!, ct));
        return new Command("images", "Build the Docker images of the bed") { build };
    }

    private static async Task<int> BuildAsync(string? repoOption, bool force, string target, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await using var engine = await DockerEngine.ConnectAsync(null, null, ct).ConfigureAwait(false);
            Step($"Docker engine {engine.ServerVersion}");
            var tag = target == EtcdTarget.TargetName
                ? await EtcdImage.EnsureAsync(repoOption, force, Step, ct).ConfigureAwait(false)
                : await NodeImage.EnsureAsync(new NodeImageOptions { RepositoryRoot = repoOption, Force = force, TagLatest = true }, Step, ct).ConfigureAwait(false);
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
