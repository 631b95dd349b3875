namespace RaftChaos.Controller.Engine;

/// <summary>How to reach the Docker engine. Defaults suit a local Debian engine (see DESIGN.md, "Environment facts").</summary>
public sealed class DockerEngineOptions
{
    /// <summary>
    /// The engine's endpoint. Default: null, meaning what the environment names (DOCKER_HOST, DOCKER_CERT_PATH,
    /// DOCKER_TLS_VERIFY; see <see cref="EngineEndpoint.FromEnvironment"/>), else <c>unix:///var/run/docker.sock</c>.
    /// </summary>
    public EngineEndpoint? Endpoint { get; set; }

    /// <summary>
    /// Newest engine API version this controller asks for. Default: 1.44 (what Testcontainers 4.16 asks for).
    /// The version actually used is the lower of this and the engine's own (Debian 12's engine speaks 1.41).
    /// </summary>
    public Version MaxApiVersion { get; set; } = new(1, 44);

    /// <summary>Time limit for one engine request. Default: 30 s (an exec of iptables or a container start takes well under 1 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit for the first ping that decides whether an engine answers at all. Default: 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries of an engine call that failed transiently (socket error, timeout, 5xx, a container being restarted).
    /// Default: 5 (with the default delay about 6 s in all, longer than the engine's restart back-off after a few
    /// quick restarts of a container).
    /// </summary>
    public int RetryAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; later ones back off exponentially with jitter. Default: 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The endpoint to use: <see cref="Endpoint"/>, else the environment's, else the local socket. Throws
    /// <see cref="FormatException"/> naming the variable when DOCKER_HOST is not an endpoint.
    /// </summary>
    public EngineEndpoint ResolveEndpoint() => Endpoint ?? EngineEndpoint.FromEnvironment();

    /// <summary>Throws when a setting cannot work; called once by <see cref="DockerEngine.ConnectAsync"/>.</summary>
    public void Validate()
    {
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "must be positive");
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "must be positive");
        if (RetryAttempts < 0) throw new ArgumentOutOfRangeException(nameof(RetryAttempts), RetryAttempts, "must be 0 or more");
        if (RetryDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, "must not be negative");
    }
}
