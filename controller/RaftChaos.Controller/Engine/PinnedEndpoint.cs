using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using DotNet.Testcontainers.Configurations;

namespace RaftChaos.Controller.Engine;

/// <summary>
/// A Testcontainers endpoint configuration whose client speaks one API version, the one <see cref="DockerEngine"/>
/// agreed with the engine, with the endpoint's TLS credentials. Testcontainers' own configuration takes the version
/// from DOCKER_API_VERSION (process-wide); this one carries it per container, so the library never has to set that variable.
/// </summary>
internal sealed class PinnedEndpoint(EngineEndpoint endpoint, Version apiVersion) : IDockerEndpointAuthenticationConfiguration
{
    private readonly IAuthProvider? _credentials = EngineClientBuilder.Credentials(endpoint);

    public Uri Endpoint { get; } = endpoint.Uri;

    public Version Version { get; } = apiVersion;

    // Null for a socket or plain tcp: no credentials to present.
    public IAuthProvider AuthProvider => _credentials!;

    public DockerClientBuilder GetDockerClientBuilder(Guid sessionId)
        => EngineClientBuilder.For(endpoint).WithApiVersion(Version);
}
