namespace RaftChaos.Controller.Images;

/// <summary>How <see cref="NodeImage.EnsureAsync"/> finds or builds the node image.</summary>
public sealed class NodeImageOptions
{
    /// <summary>
    /// The repository root (holding RaftChaos.sln and node/Dockerfile). Default: null, meaning the nearest such folder
    /// above the current directory, else above the running assembly (tests run from tests/*/bin/...).
    /// </summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>Publish and build even when the hash tag exists. Default: false.</summary>
    public bool Force { get; set; }

    /// <summary>
    /// Also point <c>raftchaos/node:latest</c> at an up-to-date image (a fresh build always tags it). Default: false, so a
    /// run does not move the tag that other users' compose clusters start from; <c>raftchaos images build</c> sets it.
    /// </summary>
    public bool TagLatest { get; set; }

    /// <summary>
    /// The image to use when no repository is found (e.g. the CLI installed elsewhere). Default: "raftchaos/node:latest";
    /// it must exist already, since there is nothing to build it from.
    /// </summary>
    public string FallbackImage { get; set; } = NodeImage.Repository + ":latest";
}
