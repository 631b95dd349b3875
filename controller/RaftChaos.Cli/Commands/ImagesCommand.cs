using System.CommandLine;
using System.Diagnostics;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos images build</c>: makes sure the base image exists (compose/build-base.sh builds it when missing
/// or outdated) and builds the node image from a self-contained publish, tagged <c>raftchaos/node:latest</c>
/// and <c>raftchaos/node:HASH</c>; when the hash tag exists the publish and build are skipped.
/// </summary>
internal static class ImagesCommand
{
    public const string BaseImage = "raftchaos/base:bookworm";
    public const string NodeRepository = "raftchaos/node";

    public static Command Create()
    {
        var repo = new Option<string?>("--repo") { Description = "the repository root (default: found from the current directory)" };
        var force = new Option<bool>("--force") { Description = "publish and build the node image even if its hash tag exists" };
        var build = new Command("build", "Build the base image (if missing) and the node image (if its inputs changed)") { repo, force };
        build.SetAction((r, ct) => BuildAsync(r.GetValue(repo), r.GetValue(force), ct));
        return new Command("images", "Build the Docker images of the bed") { build };
    }

    private static async Task<int> BuildAsync(string? repoOption, bool force, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var root = repoOption ?? FindRepoRoot(Environment.CurrentDirectory) ?? FindRepoRoot(AppContext.BaseDirectory);
        if (root is null || !File.Exists(Path.Combine(root, "node", "Dockerfile")))
        {
            Console.Error.WriteLine("error: cannot find the repository (RaftChaos.sln with node/Dockerfile); run from inside it or pass --repo DIR");
            return ExitCodes.Usage;
        }
        var docker = await RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], root, null, ct);
        if (docker is not { ExitCode: 0 })
        {
            Console.Error.WriteLine("error: no Docker engine answers. On a Debian host start one with: sudo bash compose/engine.sh");
            return ExitCodes.Unavailable;
        }
        Step($"Docker engine {docker.Output.Trim()}");

        var baseScript = Path.Combine(root, "compose", "build-base.sh");
        if (File.Exists(baseScript))
        {
            Step($"base image {BaseImage} (compose/build-base.sh: builds it only when missing or outdated)");
            var built = await RunAsync("bash", [baseScript], root, line => Console.WriteLine("  base | " + line), ct);
            if (built is not { ExitCode: 0 })
            {
                Console.Error.WriteLine("error: compose/build-base.sh failed (see above)");
                return 1;
            }
        }
        var baseId = await RunAsync("docker", ["image", "inspect", "-f", "{{.Id}}", BaseImage], root, null, ct);
        if (baseId is not { ExitCode: 0 })
        {
            Console.Error.WriteLine($"error: the base image {BaseImage} is missing and compose/build-base.sh is not there to build it");
            return 1;
        }

        var hash = NodeImageInputs.Hash(root, baseId.Output.Trim());
        var hashTag = $"{NodeRepository}:{hash}";
        var latest = $"{NodeRepository}:latest";
        var existing = await RunAsync("docker", ["image", "inspect", "-f", "{{.Id}}", hashTag], root, null, ct);
        if (existing is { ExitCode: 0 } && !force)
        {
            await RunAsync("docker", ["tag", hashTag, latest], root, null, ct);
            Step($"node image {hashTag} is up to date (inputs unchanged); tagged {latest}");
            Step($"done in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        }

        var context = Path.Combine(root, ".build", "node-image");
        if (Directory.Exists(context))
        {
            Directory.Delete(context, recursive: true);
        }
        Directory.CreateDirectory(context);
        Step("publishing node/RaftChaos.Node (Release, linux-x64, self-contained)");
        var publishClock = Stopwatch.StartNew();
        var publish = await RunAsync("dotnet",
            ["publish", Path.Combine("node", "RaftChaos.Node", "RaftChaos.Node.csproj"), "-c", "Release", "-r", "linux-x64",
             "--self-contained", "-p:InvariantGlobalization=true", "-o", Path.Combine(context, "app"), "--nologo"],
            root, null, ct);
        if (publish is not { ExitCode: 0 })
        {
            Console.Error.WriteLine(publish?.Output);
            Console.Error.WriteLine("error: dotnet publish failed (output above)");
            return 1;
        }
        Step($"published in {publishClock.Elapsed.TotalSeconds:F1} s");

        File.Copy(Path.Combine(root, "node", "Dockerfile"), Path.Combine(context, "Dockerfile"));
        Step($"docker build {hashTag}");
        var image = await RunAsync("docker",
            ["build", "--build-arg", $"NODE_INPUTS={hash}", "-t", hashTag, "-t", latest, context],
            root, line => Console.WriteLine("  node | " + line), ct);
        if (image is not { ExitCode: 0 })
        {
            Console.Error.WriteLine("error: docker build failed (see above)");
            return 1;
        }
        Step($"built {hashTag} and {latest} in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static void Step(string text) => Console.WriteLine($"[images] {text}");

    private static async Task<ExternalProcess.Result?> RunAsync(string file, string[] args, string cwd, Action<string>? onLine, CancellationToken ct)
    {
        try
        {
            return await ExternalProcess.RunAsync(file, args, cwd, onLine, ct);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"error: cannot run '{file}': {e.Message}");
            return null;
        }
    }

    private static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RaftChaos.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
