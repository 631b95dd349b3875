using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;

namespace RaftChaos.Controller.Engine;

/// <summary>
/// Turns an <see cref="EngineEndpoint"/> into a Docker.DotNet client builder: the endpoint, and for TLS the client
/// certificate of <c>cert.pem</c>/<c>key.pem</c> with the engine's certificate checked against <c>ca.pem</c> when
/// <see cref="EngineEndpoint.TlsVerify"/> (as <c>docker --tlsverify</c>), or accepted unchecked otherwise (as
/// <c>docker --tls</c>). One place, so DockerEngine and Testcontainers speak to an engine the same way.
/// </summary>
internal static class EngineClientBuilder
{
    /// <summary>A builder for <paramref name="endpoint"/>, its credentials set; the caller adds version and timeout.</summary>
    public static DockerClientBuilder For(EngineEndpoint endpoint)
    {
        var builder = new DockerClientBuilder().WithEndpoint(endpoint.Uri);
        return Credentials(endpoint) is { } credentials ? builder.WithAuthProvider(credentials) : builder;
    }

    /// <summary>The TLS credentials of <paramref name="endpoint"/>, or null without TLS.</summary>
    public static IAuthProvider? Credentials(EngineEndpoint endpoint)
    {
        if (endpoint.CertPath is not { } folder) return null;
        var certificate = DockerTlsCertificates.LoadCertificateFromPemFiles(Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
        var credentials = new CertificateCredentials(certificate);
        credentials.ServerCertificateValidationCallback = endpoint.TlsVerify
            ? DockerTlsCertificates.CreateCertificateAuthorityValidationCallback(DockerTlsCertificates.LoadCertificateAuthorityFromPemFile(Path.Combine(folder, "ca.pem")))
            // Without DOCKER_TLS_VERIFY Docker encrypts but trusts any engine certificate; so do we, on purpose.
            : (_, _, _, _) => true;
        return credentials;
    }
}
