using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace RaftChaos.Controller.Images;

/// <summary>
/// The etcd image <c>raftchaos/etcd:3.4</c>: the base image plus Debian's etcd-server 3.4.23 (etcd/Dockerfile). The image
/// carries a label with a hash of that Dockerfile and the base image's id, so <see cref="EnsureAsync"/> reuses an image
/// built from the same inputs (one <c>docker image inspect</c>) and rebuilds it when either changed. The build needs the
/// Debian mirror (apt-get inside the build), not a registry. Used by <c>raftchaos images build --target etcd</c> and the
/// etcd target of every run and cluster.
/// </summary>
public static class EtcdImage
{
    /// <summary>The tag of the etcd image.</summary>
    public const string Tag = "raftchaos/etcd:3.4";

    /// <summary>The label that holds the hash of the image's inputs.</summary>
    public const string InputsLabel = "raftchaos.etcd.inputs";

    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    /// <summary>
    /// Makes sure <see cref="Tag"/> is built from the current etcd/Dockerfile and base image and returns the tag.
    /// <paramref name="repositoryRoot"/> null: found from the current directory, else from the running assembly; when no
    /// repository is found, an existing <see cref="Tag"/> is used as it is. <paramref name="force"/> rebuilds anyway.
    /// Throws <see cref="NodeImageException"/> naming the step that failed.
    /// </summary>
    public static async Task<string> EnsureAsync(string? repositoryRoot, bool force, Action<string>? log, CancellationToken cancellationToken)
    {
        log ??= _ => { };
        var root = repositoryRoot ?? NodeImage.FindRepositoryRoot(Environment.CurrentDirectory) ?? NodeImage.FindRepositoryRoot(AppContext.BaseDirectory);
        if (root is null || !File.Exists(Path.Combine(root, "etcd", "Dockerfile")))
        {
            var existing = await ImageCommands.RunAsync("docker", ["image", "inspect", "-f", "{{.Id}}", Tag], Environment.CurrentDirectory, null, cancellationToken).ConfigureAwait(false);
            if (existing.ExitCode == 0)
            {
                log($"no repository found; using {Tag}");
                return Tag;
            }
            throw new NodeImageException($"cannot find the repository (RaftChaos.sln with etcd/Dockerfile) to build {Tag}, and {Tag} does not exist; run from inside the repository");
        }

        await BuildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await EnsureLockedAsync(root, force, log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            BuildGate.Release();
        }
    }

    /// <summary>A 12-hex-digit hash of the Dockerfile's bytes and the base image id: equal inputs, equal image.</summary>
    public static string InputsHash(byte[] dockerfile, string baseImageId)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes("base:" + baseImageId + "\n"));
        hash.AppendData(dockerfile);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static async Task<string> EnsureLockedAsync(string root, bool force, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var baseId = await BaseImageBuild.EnsureAsync(root, log, cancellationToken).ConfigureAwait(false);
        var dockerfile = Path.Combine(root, "etcd", "Dockerfile");
        var inputs = InputsHash(await File.ReadAllBytesAsync(dockerfile, cancellationToken).ConfigureAwait(false), baseId);
        var label = await ImageCommands.RunAsync("docker", ["image", "inspect", "-f", $"{{{{ index .Config.Labels \"{InputsLabel}\" }}}}", Tag], root, null, cancellationToken)
            .ConfigureAwait(false);
        if (!force && label.ExitCode == 0 && label.Output.Trim() == inputs)
        {
            log($"etcd image {Tag} is up to date (inputs {inputs})");
            return Tag;
        }

        // A context of its own holding only the Dockerfile: the etcd/ folder also holds the client's build output.
        var context = Path.Combine(root, ".build", "etcd-image");
        if (Directory.Exists(context)) Directory.Delete(context, recursive: true);
        Directory.CreateDirectory(context);
        File.Copy(dockerfile, Path.Combine(context, "Dockerfile"));
        log($"docker build {Tag} (apt-get install etcd-server from the Debian mirror)");
        var image = await ImageCommands.RunAsync("docker", ["build", "--build-arg", $"ETCD_INPUTS={inputs}", "-t", Tag, context],
            root, line => log("  etcd | " + line), cancellationToken).ConfigureAwait(false);
        if (image.ExitCode != 0) throw new NodeImageException($"docker build of {Tag} failed (the build installs etcd-server from the Debian mirror; is it reachable?):\n" + image.Output);
        log($"built {Tag} in {clock.Elapsed.TotalSeconds:F1} s");
        return Tag;
    }
}
