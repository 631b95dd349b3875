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
    public static async Task<string> EnsureAsync(string root, Action<string> log, CancellationToken cancellationToken)
    {
        var baseId = await InspectAsync(root, cancellationToken).ConfigureAwait(false);
        if (baseId is not null) return baseId;
        var baseScript = Path.Combine(root, "compose", "build-base.sh");
        if (!File.Exists(baseScript)) throw new NodeImageException($"the base image {NodeImage.BaseImage} is missing and compose/build-base.sh is not there to build it");
        log($"base image {NodeImage.BaseImage} is missing: compose/build-base.sh (about a minute)");
        var built = await ImageCommands.RunAsync("bash", [baseScript], root, line => log("  base | " + line), cancellationToken).ConfigureAwait(false);
        if (built.ExitCode != 0) throw new NodeImageException("compose/build-base.sh failed:\n" + built.Output);
        return await InspectAsync(root, cancellationToken).ConfigureAwait(false)
            ?? throw new NodeImageException($"compose/build-base.sh ran but {NodeImage.BaseImage} is still missing");
    }

    private static async Task<string?> InspectAsync(string root, CancellationToken cancellationToken)
    {
        var inspected = await ImageCommands.RunAsync("docker", ["image", "inspect", "-f", "{{.Id}}", NodeImage.BaseImage], root, null, cancellationToken).ConfigureAwait(false);
        return inspected.ExitCode == 0 ? inspected.Output.Trim() : null;
    }
}
