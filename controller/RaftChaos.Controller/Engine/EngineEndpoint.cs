using System.Globalization;
using System.Net;

namespace RaftChaos.Controller.Engine;

/// <summary>
/// Where a Docker engine answers and how to reach the containers it runs: a Unix socket on this host, or
/// <c>tcp://HOST:PORT</c>, optionally with TLS client certificates, as Docker's own <c>DOCKER_HOST</c>,
/// <c>DOCKER_CERT_PATH</c> and <c>DOCKER_TLS_VERIFY</c> mean them. Every engine call of the bed goes through one of these
/// (<see cref="DockerEngine"/>, the image shipping, the nightly pool), so two code paths can no longer pick different
/// engines. Immutable; made by <see cref="Parse"/> or <see cref="FromEnvironment"/>, which validate.
/// </summary>
public sealed record EngineEndpoint
{
    /// <summary>The local engine every Debian host here runs: <c>unix:///var/run/docker.sock</c>.</summary>
    public static readonly EngineEndpoint Default = new(new Uri("unix:///var/run/docker.sock"), null, false);

    /// <summary>Docker's default port without TLS (2376 with TLS), used when a tcp endpoint names none.</summary>
    public const int PlainPort = 2375;

    /// <summary>Docker's default port with TLS.</summary>
    public const int TlsPort = 2376;

    private EngineEndpoint(Uri uri, string? certPath, bool tlsVerify)
    {
        Uri = uri;
        CertPath = certPath;
        TlsVerify = tlsVerify;
    }

    /// <summary>The engine's API address: <c>unix:///path</c> or <c>tcp://host:port</c>.</summary>
    public Uri Uri { get; }

    /// <summary>
    /// The folder holding <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> (DOCKER_CERT_PATH), or null: no TLS. Only
    /// for tcp endpoints.
    /// </summary>
    public string? CertPath { get; }

    /// <summary>Check the engine's certificate against <c>ca.pem</c> (DOCKER_TLS_VERIFY). Implies TLS.</summary>
    public bool TlsVerify { get; }

    /// <summary>True for a Unix socket (always this host).</summary>
    public bool IsUnixSocket => Uri.Scheme == "unix";

    /// <summary>True when the engine speaks TLS: a tcp endpoint with a certificate folder.</summary>
    public bool UsesTls => CertPath is not null;

    /// <summary>
    /// True when the engine runs on this host (a socket, or tcp to a loopback address): its published ports are then
    /// reachable on 127.0.0.1 and free ports can be checked here.
    /// </summary>
    public bool IsLocal => IsUnixSocket || Uri.IsLoopback;

    /// <summary>
    /// The address at which this host reaches what the engine publishes: 127.0.0.1 for a local engine, the engine's host
    /// otherwise (a name or an address, as written).
    /// </summary>
    public string HostAddress => IsLocal ? IPAddress.Loopback.ToString() : Uri.Host;

    /// <summary>
    /// The address ports are published on: loopback for a local engine (nothing else on the network sees the nodes), every
    /// interface for a remote one (the controller is elsewhere and must reach them).
    /// </summary>
    public string PublishAddress => IsLocal ? IPAddress.Loopback.ToString() : "0.0.0.0";

    /// <summary>The endpoint as DOCKER_HOST writes it; the name the nightly pool, logs and summary.json use.</summary>
    public string Name => IsUnixSocket ? "unix://" + Uri.AbsolutePath : $"tcp://{Uri.Authority}";

    /// <summary>
    /// Parses a DOCKER_HOST-style string: <c>unix:///path</c>, <c>tcp://host[:port]</c>. <paramref name="certPath"/> is
    /// DOCKER_CERT_PATH (TLS with client certificates from that folder), <paramref name="tlsVerify"/> DOCKER_TLS_VERIFY
    /// (verify the engine's certificate; without a folder, the certificates are taken from <c>~/.docker</c> as Docker
    /// does). Throws <see cref="FormatException"/> whose message says what is wrong and what is accepted.
    /// </summary>
    public static EngineEndpoint Parse(string text, string? certPath = null, bool tlsVerify = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0) throw Invalid(text, "it is empty");
        if (!trimmed.Contains("://", StringComparison.Ordinal)) throw Invalid(text, "it has no scheme");
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)) throw Invalid(text, "it is not a URI");
        if (string.IsNullOrEmpty(certPath)) certPath = null;
        switch (uri.Scheme)
        {
            case "unix":
                if (uri.AbsolutePath.Length <= 1 || !string.IsNullOrEmpty(uri.Host)) throw Invalid(text, "a socket needs an absolute path: unix:///var/run/docker.sock");
                if (certPath is not null || tlsVerify) throw Invalid(text, "TLS (DOCKER_CERT_PATH, DOCKER_TLS_VERIFY) only applies to tcp:// endpoints");
                return new EngineEndpoint(new Uri("unix://" + uri.AbsolutePath), null, false);
            case "tcp":
                if (string.IsNullOrEmpty(uri.Host)) throw Invalid(text, "it names no host");
                if (uri.AbsolutePath.Length > 1 || uri.Query.Length > 0) throw Invalid(text, "a tcp endpoint is tcp://host:port, without a path");
                if (tlsVerify && certPath is null)
                {
                    certPath = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
                }
                var port = uri.IsDefaultPort || uri.Port < 0 ? (certPath is null ? PlainPort : TlsPort) : uri.Port;
                return new EngineEndpoint(new Uri(string.Create(CultureInfo.InvariantCulture, $"tcp://{uri.Host}:{port}")), certPath, tlsVerify);
            default:
                throw Invalid(text, $"the scheme '{uri.Scheme}' is not supported");
        }
    }

    /// <summary>
    /// A comma-separated list of endpoints (<c>--engines E1,E2</c>), each parsed by <see cref="Parse"/> with the same TLS
    /// settings. Throws <see cref="FormatException"/> for an empty list, a bad entry or an engine named twice.
    /// </summary>
    public static IReadOnlyList<EngineEndpoint> ParseList(string text, string? certPath = null, bool tlsVerify = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0) throw new FormatException("the engine list is empty; give one or more of unix:///PATH or tcp://HOST:PORT, comma-separated");
        var endpoints = entries.Select(e => Parse(e, certPath, tlsVerify)).ToList();
        var twice = endpoints.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new FormatException($"the engine {twice.Key} is named twice");
        return endpoints;
    }

    /// <summary>
    /// The endpoint the environment names, read through <paramref name="read"/> (the process environment when null):
    /// DOCKER_HOST (default: the local socket), DOCKER_CERT_PATH and DOCKER_TLS_VERIFY (set and not empty: verify, as
    /// Docker reads it). Throws <see cref="FormatException"/> naming the variable when its value is wrong.
    /// </summary>
    public static EngineEndpoint FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var host = read("DOCKER_HOST");
        var certPath = read("DOCKER_CERT_PATH");
        var verify = !string.IsNullOrEmpty(read("DOCKER_TLS_VERIFY"));
        if (string.IsNullOrWhiteSpace(host))
        {
            return Default;
        }
        try
        {
            return Parse(host, certPath, verify);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"DOCKER_HOST: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The variables that make the <c>docker</c> command and a child <c>raftchaos</c> use this engine: DOCKER_HOST, and
    /// DOCKER_CERT_PATH / DOCKER_TLS_VERIFY (empty when unused, so an inherited value cannot leak in). For a child
    /// process's own environment only; never set in this process.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOCKER_HOST"] = Name,
        ["DOCKER_CERT_PATH"] = CertPath ?? "",
        ["DOCKER_TLS_VERIFY"] = TlsVerify ? "1" : "",
    };

    /// <inheritdoc />
    public override string ToString() => Name;

    private static FormatException Invalid(string text, string why)
        => new($"'{text}' is not a Docker engine endpoint: {why} (use unix:///PATH or tcp://HOST:PORT)");
}
