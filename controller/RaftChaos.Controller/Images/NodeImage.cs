using System.Diagnostics;

namespace RaftChaos.Controller.Images;

/// <summary>
/// The node image: <c>raftchaos/node:HASH</c> plus <c>raftchaos/node:latest</c>. Built from one of two inputs: the node
/// already published that a package carries (<see cref="ImagePayload"/>, beside the running assembly: the
/// RaftChaos.Testing package and the raftchaos tool), else this checkout's sources (published here; HASH of node/
/// sources, build props and the base image id, see <see cref="NodeImageInputs"/>). <see cref="EnsureAsync"/> builds the
/// base image when missing (build-base.sh, shipped in the payload too) and the node image only when its hash tag is
/// missing, so unchanged inputs cost two <c>docker image inspect</c> calls. Used by <c>raftchaos images build</c>, <c>raftchaos run</c> and
/// <see cref="Cluster.RaftCluster"/>.
/// </summary>
public static class NodeImage
{
    /// <summary>The base image every node image is built FROM.</summary>
    public const string BaseImage = "raftchaos/base:bookworm";

    /// <summary>The node image repository.</summary>
    public const string Repository = "raftchaos/node";

    // The node's program in the image (node/Dockerfile's ENTRYPOINT) and the payload folder that carries it.
    private const string Entry = "RaftChaos.Node";
    private const string PayloadName = "node";

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
        // A package (RaftChaos.Testing, the raftchaos tool) carries the node already published: no checkout needed.
        var payload = options.RepositoryRoot is null ? ImagePayload.Find(PayloadName, Entry) : null;
        var root = payload is not null ? null
            : options.RepositoryRoot ?? FindRepositoryRoot(Environment.CurrentDirectory) ?? FindRepositoryRoot(AppContext.BaseDirectory);
        if (payload is null && (root is null || !File.Exists(Path.Combine(root, "node", "Dockerfile"))))
        {
            if (await BuildEngine.ImageIdAsync(options.FallbackImage, cancellationToken).ConfigureAwait(false) is not null)
            {
                log($"no repository found; using {options.FallbackImage}");
                return options.FallbackImage;
            }
            throw new NodeImageException($"cannot find what builds the node image: no {ImagePayload.FolderName}/{PayloadName}/ folder beside {AppContext.BaseDirectory} " +
                $"(the RaftChaos.Testing package and the raftchaos tool put it there), no repository (RaftChaos.sln with node/Dockerfile) " +
                $"above {Environment.CurrentDirectory}, and no image {options.FallbackImage}; reinstall the package or tool, or run from inside the repository");
        }

        await BuildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return payload is not null
                ? await EnsureFromPayloadLockedAsync(payload, options, log, cancellationToken).ConfigureAwait(false)
                : await EnsureLockedAsync(root!, options, log, cancellationToken).ConfigureAwait(false);
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
        if (await IsUpToDateAsync(hashTag, options, log, cancellationToken).ConfigureAwait(false))
        {
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

    private static async Task<string> EnsureFromPayloadLockedAsync(string payload, NodeImageOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var cwd = Environment.CurrentDirectory;
        var baseId = await BaseImageBuild.EnsureWithScriptAsync(ImagePayload.BaseScriptOf(payload), cwd, log, cancellationToken).ConfigureAwait(false);
        var hash = ImagePayload.Hash(payload, baseId);
        var hashTag = $"{Repository}:{hash}";
        if (await IsUpToDateAsync(hashTag, options, log, cancellationToken).ConfigureAwait(false))
        {
            return hashTag;
        }
        await ImagePayload.BuildAsync(payload, Entry, [hashTag, $"{Repository}:latest"], $"NODE_INPUTS={hash}", log, cancellationToken).ConfigureAwait(false);
        log($"built {hashTag} and {Repository}:latest in {clock.Elapsed.TotalSeconds:F1} s");
        return hashTag;
    }

    private static async Task<bool> IsUpToDateAsync(string hashTag, NodeImageOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        if (options.Force || await BuildEngine.ImageIdAsync(hashTag, cancellationToken).ConfigureAwait(false) is null) return false;
        if (options.TagLatest) await BuildEngine.TagAsync(hashTag, Repository, "latest", cancellationToken).ConfigureAwait(false);
        log($"node image {hashTag} is up to date (inputs unchanged)");
        return true;
    }

    private static Task<ExternalProcess.Result> RunAsync(string file, string[] args, string cwd, Action<string>? onLine, CancellationToken cancellationToken)
        => ImageCommands.RunAsync(file, args, cwd, onLine, cancellationToken);
}
