using System.Diagnostics;

namespace RaftChaos.Controller.Images;

/// <summary>
/// The network helper image: <c>raftchaos/nethelper:HASH</c>, the base image plus the netem delayer
/// (controller/RaftChaos.Netem, published self-contained and trimmed). Only the <c>netem</c> fault's delays need it;
/// partitions, loss and duplication run from the plain base image. Built like the node image, from one of two inputs:
/// the delayer already published that a package carries (<see cref="ImagePayload"/>), else this checkout's sources
/// (HASH of the delayer's sources, common/, the build props and the base image id). Built only when HASH has no tag yet;
/// the base image is built first when missing.
/// </summary>
public static class NetHelperImage
{
    /// <summary>The image repository.</summary>
    public const string Repository = "raftchaos/nethelper";

    /// <summary>Where the delayer lives in the image (controller/RaftChaos.Netem/Dockerfile).</summary>
    public const string DelayerPath = "/opt/raftchaos-netem/RaftChaos.Netem";

    private const string Entry = "RaftChaos.Netem";
    private const string PayloadName = "nethelper";
    private static readonly string[] SourceFolders = ["controller/RaftChaos.Netem", "common"];
    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    /// <summary>
    /// Makes sure the helper image of the packaged delayer (outside a checkout) or of the current sources exists and
    /// returns its hash tag. <paramref name="repositoryRoot"/> null: the package's payload, else the repository found from
    /// the current directory or the running assembly. Throws <see cref="NodeImageException"/> when a step fails.
    /// </summary>
    public static async Task<string> EnsureAsync(string? repositoryRoot, Action<string>? log, CancellationToken cancellationToken)
    {
        log ??= _ => { };
        var payload = repositoryRoot is null ? ImagePayload.Find(PayloadName, Entry) : null;
        var root = payload is not null ? null
            : repositoryRoot ?? NodeImage.FindRepositoryRoot(Environment.CurrentDirectory) ?? NodeImage.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new NodeImageException($"cannot find what builds the network helper image: no {ImagePayload.FolderName}/{PayloadName}/ folder beside " +
                $"{AppContext.BaseDirectory} (the RaftChaos.Testing package and the raftchaos tool put it there) and no repository (RaftChaos.sln) above " +
                $"{Environment.CurrentDirectory}; reinstall the package or tool, or run from inside the repository");
        await BuildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return payload is not null
                ? await EnsureFromPayloadLockedAsync(payload, log, cancellationToken).ConfigureAwait(false)
                : await EnsureFromSourcesLockedAsync(root!, log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            BuildGate.Release();
        }
    }

    private static async Task<string> EnsureFromSourcesLockedAsync(string root, Action<string> log, CancellationToken cancellationToken)
    {
        var baseId = await BaseImageBuild.EnsureAsync(root, log, cancellationToken).ConfigureAwait(false);
        var hash = NodeImageInputs.Hash(root, baseId, SourceFolders);
        var tag = $"{Repository}:{hash}";
        if (await ExistsAsync(tag, log, cancellationToken).ConfigureAwait(false))
        {
            return tag;
        }
        var clock = Stopwatch.StartNew();
        var context = Path.Combine(root, ".build", "nethelper-image");
        if (Directory.Exists(context))
        {
            Directory.Delete(context, recursive: true);
        }
        Directory.CreateDirectory(context);
        log("publishing controller/RaftChaos.Netem (Release, linux-x64, self-contained, trimmed)");
        var publish = await ImageCommands.RunAsync("dotnet",
            ["publish", Path.Combine("controller", "RaftChaos.Netem", "RaftChaos.Netem.csproj"), "-c", "Release", "-r", "linux-x64",
             "--self-contained", "-p:InvariantGlobalization=true", "-o", Path.Combine(context, "app"), "--nologo"],
            root, null, cancellationToken).ConfigureAwait(false);
        if (publish.ExitCode != 0)
        {
            throw new NodeImageException("dotnet publish of the netem delayer failed:\n" + publish.Output);
        }
        File.Copy(Path.Combine(root, "controller", "RaftChaos.Netem", "Dockerfile"), Path.Combine(context, "Dockerfile"));
        var image = await ImageCommands.RunAsync("docker", ["build", "--build-arg", $"NETEM_INPUTS={hash}", "-t", tag, context],
            root, line => log("  nethelper | " + line), cancellationToken).ConfigureAwait(false);
        if (image.ExitCode != 0)
        {
            throw new NodeImageException("docker build of the network helper image failed:\n" + image.Output);
        }
        log($"built {tag} in {clock.Elapsed.TotalSeconds:F1} s");
        return tag;
    }

    private static async Task<string> EnsureFromPayloadLockedAsync(string payload, Action<string> log, CancellationToken cancellationToken)
    {
        var baseId = await BaseImageBuild.EnsureWithScriptAsync(ImagePayload.BaseScriptOf(payload), Environment.CurrentDirectory, log, cancellationToken)
            .ConfigureAwait(false);
        var hash = ImagePayload.Hash(payload, baseId);
        var tag = $"{Repository}:{hash}";
        if (await ExistsAsync(tag, log, cancellationToken).ConfigureAwait(false))
        {
            return tag;
        }
        var clock = Stopwatch.StartNew();
        await ImagePayload.BuildAsync(payload, Entry, [tag], $"NETEM_INPUTS={hash}", log, cancellationToken).ConfigureAwait(false);
        log($"built {tag} in {clock.Elapsed.TotalSeconds:F1} s");
        return tag;
    }

    private static async Task<bool> ExistsAsync(string tag, Action<string> log, CancellationToken cancellationToken)
    {
        if (await BuildEngine.ImageIdAsync(tag, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }
        log($"network helper image {tag} is up to date");
        return true;
    }
}
