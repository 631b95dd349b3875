namespace RaftChaos.Controller.Images;

/// <summary>
/// The base image every image of the bed is built FROM (<c>raftchaos/base:bookworm</c>, made by compose/build-base.sh:
/// debootstrap and docker import, since no registry is reachable). The node image and the etcd image both ensure it here.
/// </summary>
internal static class BaseImageBuild
{
    /// <summary>
    /// Makes sure the base image exists (running compose/build-base.sh under <paramref name="root"/> when it is missing) and
    /// returns its image id. Throws <see cref="NodeImageException"/> when it cannot be built.
    /// </summary>
    public static Task<string> EnsureAsync(string root, Action<string> log, CancellationToken cancellationToken)
        => EnsureWithScriptAsync(Path.Combine(root, "compose", "build-base.sh"), root, log, cancellationToken);

    /// <summary>
    /// Makes sure the base image exists, building it with <paramref name="script"/> (build-base.sh from a checkout or from a
    /// package's node-image payload; debootstrap, needs root) when it is missing, and returns its image id. The error names
    /// the exact command to run by hand.
    /// </summary>
    public static async Task<string> EnsureWithScriptAsync(string script, string cwd, Action<string> log, CancellationToken cancellationToken)
    {
        var baseId = await InspectAsync(cancellationToken).ConfigureAwait(false);
        if (baseId is not null) return baseId;
        var build = $"sudo bash {script}";
        if (!File.Exists(script)) throw new NodeImageException($"the base image {NodeImage.BaseImage} is missing and {script}, which builds it, is not there");
        log($"base image {NodeImage.BaseImage} is missing: {script} (Debian's debootstrap, about a minute)");
        var built = await ImageCommands.RunAsync("bash", [script], cwd, line => log("  base | " + line), cancellationToken).ConfigureAwait(false);
        if (built.ExitCode != 0)
        {
            throw new NodeImageException($"the base image {NodeImage.BaseImage} is missing and could not be built: it needs root and Debian's debootstrap " +
                $"(no registry is used). Build it once with:\n  {build}\n{built.Output}");
        }
        return await InspectAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new NodeImageException($"{script} ran but {NodeImage.BaseImage} is still missing; run it by hand: {build}");
    }

    private static async Task<string?> InspectAsync(CancellationToken cancellationToken)
    {
        return await BuildEngine.ImageIdAsync(NodeImage.BaseImage, cancellationToken).ConfigureAwait(false);
    }
}
