using Docker.DotNet;
using Docker.DotNet.Models;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Images;

/// <summary>
/// The engine images are built on: the one the environment names (DOCKER_HOST, DOCKER_CERT_PATH, DOCKER_TLS_VERIFY;
/// else the local socket), resolved by <see cref="EngineEndpoint.FromEnvironment"/> as <see cref="DockerEngine"/> does,
/// so the image build and the engine calls can no longer pick different engines. Image checks go through the API; the
/// <c>docker build</c> and <c>docker import</c> commands still run as programs, given this endpoint explicitly
/// (<see cref="ImageCommands"/>). A cluster on another engine receives the images from here (<see cref="ImageShipping"/>).
/// </summary>
internal static class BuildEngine
{
    /// <summary>The build engine's endpoint. Throws <see cref="FormatException"/> naming DOCKER_HOST when it is not one.</summary>
    public static EngineEndpoint Endpoint => EngineEndpoint.FromEnvironment();

    /// <summary>The id of <paramref name="image"/> on the build engine, or null when it has none.</summary>
    public static async Task<string?> ImageIdAsync(string image, CancellationToken cancellationToken)
        => (await InspectAsync(image, cancellationToken).ConfigureAwait(false))?.ID;

    /// <summary>The value of label <paramref name="label"/> of <paramref name="image"/>, or null (no image, no label).</summary>
    public static async Task<string?> LabelAsync(string image, string label, CancellationToken cancellationToken)
        => (await InspectAsync(image, cancellationToken).ConfigureAwait(false))?.Config?.Labels?.TryGetValue(label, out var value) == true ? value : null;

    /// <summary>Tags <paramref name="image"/> as <paramref name="repository"/>:<paramref name="tag"/> (docker tag, through the API).</summary>
    public static async Task TagAsync(string image, string repository, string tag, CancellationToken cancellationToken)
    {
        await using var engine = await DockerEngine.ConnectToAsync(Endpoint, null, cancellationToken).ConfigureAwait(false);
        await engine.RunAsync((c, ct) => c.Images.TagImageAsync(image, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct),
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ImageInspectResponse?> InspectAsync(string image, CancellationToken cancellationToken)
    {
        await using var engine = await DockerEngine.ConnectToAsync(Endpoint, null, cancellationToken).ConfigureAwait(false);
        try
        {
            return await engine.RunAsync((c, ct) => c.Images.InspectImageAsync(image, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }
}
