namespace RaftChaos.Controller.Engine;

/// <summary>How to reach the Docker engine. Defaults suit a local Debian engine (see DESIGN.md, "Environment facts").</summary>
public sealed class DockerEngineOptions
{
    /// <summary>The engine's endpoint. Default: null, meaning <c>DOCKER_HOST</c> when set, else <c>unix:///var/run/docker.sock</c>.</summary>
    public Uri? Endpoint { get; set; }

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

    /// <summary>The endpoint to use: <see cref="Endpoint"/>, else <c>DOCKER_HOST</c>, else the local socket.</summary>
    public Uri ResolveEndpoint()
    {
        if (Endpoint is not null) return Endpoint;
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return string.IsNullOrWhiteSpace(host) ? new Uri("unix:///var/run/docker.sock") : new Uri(host);
    }

    /// <summary>Throws when a setting cannot work; called once by <see cref="DockerEngine.ConnectAsync"/>.</summary>
    public void Validate()
    {
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "must be positive");
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "must be positive");
        if (RetryAttempts < 0) throw new ArgumentOutOfRangeException(nameof(RetryAttempts), RetryAttempts, "must be 0 or more");
        if (RetryDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, "must not be negative");
    }
}
