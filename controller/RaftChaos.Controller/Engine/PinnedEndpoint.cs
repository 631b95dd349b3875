using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using DotNet.Testcontainers.Configurations;

namespace RaftChaos.Controller.Engine;

/// <summary>
/// A Testcontainers endpoint configuration whose client speaks one API version, the one <see cref="DockerEngine"/>
/// agreed with the engine. Testcontainers' own configuration takes the version from DOCKER_API_VERSION (process-wide);
/// this one carries it per container, so the library never has to set that variable.
/// </summary>
internal sealed class PinnedEndpoint(Uri endpoint, Version apiVersion) : IDockerEndpointAuthenticationConfiguration
{
    public Uri Endpoint { get; } = endpoint;

    public Version Version { get; } = apiVersion;

    // A local socket (or DOCKER_HOST without TLS): no credentials to present.
    public IAuthProvider AuthProvider => null!;

    public DockerClientBuilder GetDockerClientBuilder(Guid sessionId)
        => new DockerClientBuilder().WithEndpoint(Endpoint).WithApiVersion(Version);
}
