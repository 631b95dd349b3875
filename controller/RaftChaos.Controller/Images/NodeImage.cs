using System.Diagnostics;

namespace RaftChaos.Controller.Images;

/// <summary>
/// The node image: <c>raftchaos/node:HASH</c> (HASH of node/ sources, build props and the base image id, see
/// <see cref="NodeImageInputs"/>) plus <c>raftchaos/node:latest</c>. <see cref="EnsureAsync"/> builds the base image
/// when missing (compose/build-base.sh) and the node image only when its hash tag is missing, so an unchanged tree
/// costs two <c>docker image inspect</c> calls. Used by <c>raftchaos images build</c>, <c>raftchaos run</c> and
/// <see cref="Cluster.RaftCluster"/>.
/// </summary>
public static class NodeImage
{
    /// <summary>The base image every node image is built FROM.</summary>
    public const string BaseImage = "raftchaos/base:bookworm";

    /// <summary>The node image repository.</summary>
    public const string Repository = "raftchaos/node";

    // Two clusters of one process (parallel tests) must not publish into the same context folder at once.
    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    /// <summary>
    /// Makes sure the node image of the current sources exists and returns its hash tag. <paramref name="log"/> gets a
    /// line per step (and the build's output). Throws <see cref="NodeImageException"/> when a step fails.
    /// </summary>
    public static async Task<string> EnsureAsync(NodeImageOptions? options, Action<string>? log, CancellationToken cancellationToken)
    {
        options ??= new NodeImageOptions();
        log ??= _ => { };
        var root = options.RepositoryRoot ?? FindRepositoryRoot(Environment.CurrentDirectory) ?? FindRepositoryRoot(AppContext.BaseDirectory);
        if (root is null || !File.Exists(Path.Combine(root, "node", "Dockerfile")))
        {
            var fallback = await RunAsync("docker", ["image", "inspect", "-f", "{{.Id}}", options.FallbackImage], Environment.CurrentDirectory, null, cancellationToken).ConfigureAwait(false);
            if (fallback.ExitCode == 0)
            {
                log($"no repository found; using {options.FallbackImage}");
                return options.FallbackImage;
            }
            throw new NodeImageException($"cannot find the repository (RaftChaos.sln with node/Dockerfile) to build the node image, and {options.FallbackImage} does not exist; run from inside the repository");
        }

        await BuildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await EnsureLockedAsync(root, options, log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            BuildGate.Release();
        }
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds RaftChaos.sln, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RaftChaos.sln"))) return dir.FullName;
        }
        return null;
    }

    private static async Task<string> EnsureLockedAsync(string root, NodeImageOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var baseId = await BaseImageBuild.EnsureAsync(root, log, cancellationToken).ConfigureAwait(false);

        var hash = NodeImageInputs.Hash(root, baseId);
        var hashTag = $"{Repository}:{hash}";
        var latest = $"{Repository}:latest";
        var existing = await RunAsync("docker", ["image", "inspect", "-f", "{{.Id}}", hashTag], root, null, cancellationToken).ConfigureAwait(false);
        if (existing.ExitCode == 0 && !options.Force)
        {
            if (options.TagLatest) await RunAsync("docker", ["tag", hashTag, latest], root, null, cancellationToken).ConfigureAwait(false);
            log($"node image {hashTag} is up to date (inputs unchanged)");
            return hashTag;
        }

        var context = Path.Combine(root, ".build", "node-image");
        if (Directory.Exists(context)) Directory.Delete(context, recursive: true);
        Directory.CreateDirectory(context);
        log("publishing node/RaftChaos.Node (Release, linux-x64, self-contained)");
        var publish = await RunAsync("dotnet",
            ["publish", Path.Combine("node", "RaftChaos.Node", "RaftChaos.Node.csproj"), "-c", "Release", "-r", "linux-x64",
             "--self-contained", "-p:InvariantGlobalization=true", "-o", Path.Combine(context, "app"), "--nologo"],
            root, null, cancellationToken).ConfigureAwait(false);
        if (publish.ExitCode != 0) throw new NodeImageException("dotnet publish of the node failed:\n" + publish.Output);
        log($"published in {clock.Elapsed.TotalSeconds:F1} s");

        File.Copy(Path.Combine(root, "node", "Dockerfile"), Path.Combine(context, "Dockerfile"));
        log($"docker build {hashTag}");
        var image = await RunAsync("docker", ["build", "--build-arg", $"NODE_INPUTS={hash}", "-t", hashTag, "-t", latest, context],
            root, line => log("  node | " + line), cancellationToken).ConfigureAwait(false);
        if (image.ExitCode != 0) throw new NodeImageException("docker build of the node image failed:\n" + image.Output);
        log($"built {hashTag} and {latest} in {clock.Elapsed.TotalSeconds:F1} s");
        return hashTag;
    }

    private static Task<ExternalProcess.Result> RunAsync(string file, string[] args, string cwd, Action<string>? onLine, CancellationToken cancellationToken)
        => ImageCommands.RunAsync(file, args, cwd, onLine, cancellationToken);
}
