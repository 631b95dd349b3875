using System.Diagnostics;

namespace RaftChaos.Controller.Images;

/// <summary>
/// The network helper image: <c>raftchaos/nethelper:HASH</c>, the base image plus the netem delayer
/// (controller/RaftChaos.Netem, published self-contained as the node is). Only the <c>netem</c> fault's delays need it;
/// partitions, loss and duplication run from the plain base image. Built like the node image: only when the hash of
/// its inputs (the delayer's sources, common/, the build props, the base image id) has no tag yet.
/// </summary>
public static class NetHelperImage
{
    /// <summary>The image repository.</summary>
    public const string Repository = "raftchaos/nethelper";

    /// <summary>Where the delayer lives in the image (controller/RaftChaos.Netem/Dockerfile).</summary>
    public const string DelayerPath = "/opt/raftchaos-netem/RaftChaos.Netem";

    private static readonly string[] SourceFolders = ["controller/RaftChaos.Netem", "common"];
    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    /// <summary>
    /// Makes sure the helper image of the current sources exists (the base image must: build the node image first) and
    /// returns its hash tag. Throws <see cref="NodeImageException"/> when a step fails.
    /// </summary>
    public static async Task<string> EnsureAsync(string? repositoryRoot, Action<string>? log, CancellationToken cancellationToken)
    {
        log ??= _ => { };
        var root = repositoryRoot ?? NodeImage.FindRepositoryRoot(Environment.CurrentDirectory) ?? NodeImage.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new NodeImageException("cannot find the repository (RaftChaos.sln) to build the network helper image; run from inside the repository");
        await BuildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var baseId = await RunAsync("docker", ["image", "inspect", "-f", "{{.Id}}", NodeImage.BaseImage], root, null, cancellationToken).ConfigureAwait(false);
            if (baseId.ExitCode != 0) throw new NodeImageException($"the base image {NodeImage.BaseImage} is missing: run 'raftchaos images build' first");
            var hash = NodeImageInputs.Hash(root, baseId.Output.Trim(), SourceFolders);
            var tag = $"{Repository}:{hash}";
            if ((await RunAsync("docker", ["image", "inspect", "-f", "{{.Id}}", tag], root, null, cancellationToken).ConfigureAwait(false)).ExitCode == 0)
            {
                log($"network helper image {tag} is up to date");
                return tag;
            }
            var clock = Stopwatch.StartNew();
            var context = Path.Combine(root, ".build", "nethelper-image");
            if (Directory.Exists(context)) Directory.Delete(context, recursive: true);
            Directory.CreateDirectory(context);
            log("publishing controller/RaftChaos.Netem (Release, linux-x64, self-contained)");
            var publish = await RunAsync("dotnet",
                ["publish", Path.Combine("controller", "RaftChaos.Netem", "RaftChaos.Netem.csproj"), "-c", "Release", "-r", "linux-x64",
                 "--self-contained", "-p:InvariantGlobalization=true", "-o", Path.Combine(context, "app"), "--nologo"],
                root, null, cancellationToken).ConfigureAwait(false);
            if (publish.ExitCode != 0) throw new NodeImageException("dotnet publish of the netem delayer failed:\n" + publish.Output);
            File.Copy(Path.Combine(root, "controller", "RaftChaos.Netem", "Dockerfile"), Path.Combine(context, "Dockerfile"));
            var image = await RunAsync("docker", ["build", "--build-arg", $"NETEM_INPUTS={hash}", "-t", tag, context],
                root, line => log("  nethelper | " + line), cancellationToken).ConfigureAwait(false);
            if (image.ExitCode != 0) throw new NodeImageException("docker build of the network helper image failed:\n" + image.Output);
            log($"built {tag} in {clock.Elapsed.TotalSeconds:F1} s");
            return tag;
        }
        finally
        {
            BuildGate.Release();
        }
    }

    private static Task<ExternalProcess.Result> RunAsync(string file, string[] args, string cwd, Action<string>? onLine, CancellationToken cancellationToken)
        => ImageCommands.RunAsync(file, args, cwd, onLine, cancellationToken);
}
