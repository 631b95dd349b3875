namespace RaftChaos.Controller.Engine;

/// <summary>
/// No Docker engine answered at the endpoint. The message says how to start one; the CLI maps this to exit code 69
/// (EX_UNAVAILABLE) and the Docker tests to "ignored" (or "failed" when RAFTCHAOS_REQUIRE_DOCKER=1).
/// </summary>
public sealed class DockerUnavailableException : Exception
{
    /// <summary>What to run to get an engine on a Debian host; part of every message.</summary>
    public const string HowToStart = "On Debian, start one with: sudo bash compose/engine.sh";

    /// <summary>Creates the exception for an endpoint that did not answer.</summary>
    public DockerUnavailableException(Uri endpoint, Exception? inner)
        : base($"No Docker engine answers at {endpoint} ({inner?.GetBaseException().Message ?? "no answer"}). {HowToStart}", inner)
        => Endpoint = endpoint;

    /// <summary>The endpoint that was tried.</summary>
    public Uri Endpoint { get; }
}
