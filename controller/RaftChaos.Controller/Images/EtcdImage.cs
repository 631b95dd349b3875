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

    private const string PayloadName = "etcd";
    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    /// <summary>
    /// Makes sure <see cref="Tag"/> is built from the current etcd/Dockerfile and base image and returns the tag.
    /// <paramref name="repositoryRoot"/> null: the Dockerfile a package carries (<see cref="ImagePayload"/>), else the
    /// repository found from the current directory or the running assembly; with neither, an existing <see cref="Tag"/> is
    /// used as it is. <paramref name="force"/> rebuilds anyway.
    /// Throws <see cref="NodeImageException"/> naming the step that failed.
    /// </summary>
    public static async Task<string> EnsureAsync(string? repositoryRoot, bool force, Action<string>? log, CancellationToken cancellationToken)
    {
        log ??= _ => { };
        // A package (RaftChaos.Testing, the raftchaos tool) carries the Dockerfile and the base image script.
        var payload = repositoryRoot is null ? ImagePayload.Find(PayloadName, entry: null) : null;
        var root = repositoryRoot ?? NodeImage.FindRepositoryRoot(Environment.CurrentDirectory) ?? NodeImage.FindRepositoryRoot(AppContext.BaseDirectory);
        string dockerfile, baseScript;
        if (payload is not null)
        {
            (dockerfile, baseScript) = (Path.Combine(payload, "Dockerfile"), ImagePayload.BaseScriptOf(payload));
        }
        else if (root is not null && File.Exists(Path.Combine(root, "etcd", "Dockerfile")))
        {
            (dockerfile, baseScript) = (Path.Combine(root, "etcd", "Dockerfile"), Path.Combine(root, "compose", "build-base.sh"));
        }
        else
        {
            if (await BuildEngine.ImageIdAsync(Tag, cancellationToken).ConfigureAwait(false) is not null)
            {
                log($"no repository found; using {Tag}");
                return Tag;
            }
            throw new NodeImageException($"cannot find what builds {Tag}: no {ImagePayload.FolderName}/{PayloadName}/ folder beside {AppContext.BaseDirectory} " +
                $"(the RaftChaos.Testing package and the raftchaos tool put it there), no repository (RaftChaos.sln with etcd/Dockerfile) above " +
                $"{Environment.CurrentDirectory}, and no image {Tag}; reinstall the package or tool, or run from inside the repository");
        }

        await BuildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await EnsureLockedAsync(dockerfile, baseScript, force, log, cancellationToken).ConfigureAwait(false);
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

    private static async Task<string> EnsureLockedAsync(string dockerfile, string baseScript, bool force, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var cwd = Environment.CurrentDirectory;
        var baseId = await BaseImageBuild.EnsureWithScriptAsync(baseScript, cwd, log, cancellationToken).ConfigureAwait(false);
        var inputs = InputsHash(await File.ReadAllBytesAsync(dockerfile, cancellationToken).ConfigureAwait(false), baseId);
        var label = await BuildEngine.LabelAsync(Tag, InputsLabel, cancellationToken).ConfigureAwait(false);
        if (!force && label == inputs)
        {
            log($"etcd image {Tag} is up to date (inputs {inputs})");
            return Tag;
        }

        // A context of its own holding only the Dockerfile: the checkout's etcd/ folder also holds the client's build output.
        var context = Directory.CreateTempSubdirectory("raftchaos-etcd-image-").FullName;
        try
        {
            File.Copy(dockerfile, Path.Combine(context, "Dockerfile"));
            log($"docker build {Tag} (apt-get install etcd-server from the Debian mirror)");
            var image = await ImageCommands.RunAsync("docker", ["build", "--build-arg", $"ETCD_INPUTS={inputs}", "-t", Tag, context],
                cwd, line => log("  etcd | " + line), cancellationToken).ConfigureAwait(false);
            if (image.ExitCode != 0)
            {
                throw new NodeImageException($"docker build of {Tag} failed (the build installs etcd-server from the Debian mirror; is it reachable?):\n" + image.Output);
            }
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
        log($"built {Tag} in {clock.Elapsed.TotalSeconds:F1} s");
        return Tag;
    }
}
