namespace RaftChaos.Controller.Engine;

/// <summary>
/// No Docker engine answered at the endpoint. The message says how to start one; the CLI maps this to exit code 69
/// (EX_UNAVAILABLE) and the Docker tests to "ignored" (or "failed" when RAFTCHAOS_REQUIRE_DOCKER=1).
/// </summary>
public sealed class DockerUnavailableException : Exception
{
    /// <summary>What to run to get an engine on a Debian host; part of every message.</summary>
    public const string HowToStart = "On Debian, set one up as root with 'raftchaos engine setup' (the raftchaos tool) or 'bash compose/engine.sh' "
        + "(a RaftChaos checkout); test fixtures do it themselves when RAFTCHAOS_SETUP_ENGINE=1 and they run as root.";

    /// <summary>Creates the exception for an endpoint that did not answer.</summary>
    public DockerUnavailableException(EngineEndpoint endpoint, Exception? inner)
        : base($"No Docker engine answers at {endpoint} ({ReasonOf(inner)}). {HowToStart}", inner)
    {
        Endpoint = endpoint;
        Reason = ReasonOf(inner);
    }

    private DockerUnavailableException(EngineEndpoint endpoint, string message, string reason, Exception? inner)
        : base(message, inner)
    {
        Endpoint = endpoint;
        Reason = reason;
    }

    /// <summary>
    /// The engine answered, but it speaks TLS and this client sent plain HTTP (the endpoint has no certificate folder):
    /// starting another engine would not help, giving the certificates would.
    /// </summary>
    public static DockerUnavailableException TlsExpected(EngineEndpoint endpoint, Exception? inner)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        const string reason = "the engine speaks TLS and this client sent plain HTTP";
        return new DockerUnavailableException(endpoint,
            $"The Docker engine at {endpoint} refused the connection: {reason}. Give the folder with its ca.pem, cert.pem and key.pem "
            + "as DOCKER_CERT_PATH, with DOCKER_TLS_VERIFY=1 (or as the endpoint's certificate path).", reason, inner);
    }

    /// <summary>Why the endpoint did not answer, e.g. "Connection refused".</summary>
    public string Reason { get; }

    /// <summary>The endpoint that was tried.</summary>
    public EngineEndpoint Endpoint { get; }

    private static string ReasonOf(Exception? inner) => inner?.GetBaseException().Message ?? "no answer";
}
