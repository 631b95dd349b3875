using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Version = System.Version;

namespace RaftChaos.Controller.Engine;

/// <summary>
/// A connection to the Docker engine: one <see cref="IDockerClient"/> pinned to an API version both sides speak,
/// with transient failures (socket errors, timeouts, 5xx) retried by a Polly pipeline.
/// </summary>
public sealed class DockerEngine : IAsyncDisposable
{
    private readonly ResiliencePipeline _retry;
    private readonly ILogger _logger;
    private IDockerEndpointAuthenticationConfiguration? _testcontainersEndpoint;
    private int _disposed;

    private DockerEngine(IDockerClient client, EngineEndpoint endpoint, Version apiVersion, string serverVersion, ResiliencePipeline retry, ILogger logger)
    {
        Client = client;
        Endpoint = endpoint;
        ApiVersion = apiVersion;
        ServerVersion = serverVersion;
        _retry = retry;
        _logger = logger;
    }

    /// <summary>The engine client, pinned to <see cref="ApiVersion"/>. Prefer <see cref="RunAsync{T}"/> to get retries.</summary>
    public IDockerClient Client { get; }

    /// <summary>The endpoint in use (from the options, DOCKER_HOST, or the local socket).</summary>
    public EngineEndpoint Endpoint { get; }

    /// <summary>The API version every request uses: the lower of the engine's and <see cref="DockerEngineOptions.MaxApiVersion"/>.</summary>
    public Version ApiVersion { get; }

    /// <summary>The engine's own version string, e.g. "20.10.24+dfsg1".</summary>
    public string ServerVersion { get; }

    /// <summary>
    /// Connects to <paramref name="endpoint"/> with otherwise default options.
    /// </summary>
    public static Task<DockerEngine> ConnectToAsync(EngineEndpoint endpoint, ILogger? logger, CancellationToken cancellationToken)
        => ConnectAsync(new DockerEngineOptions { Endpoint = endpoint }, logger, cancellationToken);

    /// <summary>
    /// Connects, or throws <see cref="DockerUnavailableException"/> (whose message says how to start an engine) when
    /// nothing answers. Changes nothing in the process environment: Testcontainers gets the pinned version per container
    /// through <see cref="TestcontainersEndpoint"/>.
    /// </summary>
    public static async Task<DockerEngine> ConnectAsync(DockerEngineOptions? options, ILogger? logger, CancellationToken cancellationToken)
    {
        options ??= new DockerEngineOptions();
        options.Validate();
        logger ??= NullLogger.Instance;
        var endpoint = options.ResolveEndpoint();

        // The version call is not version-prefixed, so an unpinned client can ask any engine what it speaks.
        VersionResponse version;
        using (var probe = EngineClientBuilder.For(endpoint).WithTimeout(options.ConnectTimeout).Build())
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.ConnectTimeout);
            try
            {
                version = await probe.System.GetVersionAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsUnreachable(ex))
            {
                throw new DockerUnavailableException(endpoint, ex);
            }
            catch (DockerApiException ex) when (!endpoint.UsesTls && ex.StatusCode == HttpStatusCode.BadRequest
                && ex.ResponseBody?.Contains("HTTPS", StringComparison.Ordinal) == true)
            {
                // Go's HTTP server answers a plain request on a TLS port with 400 "Client sent an HTTP request to an HTTPS server."
                throw DockerUnavailableException.TlsExpected(endpoint, ex);
            }
        }

        var engineApi = Version.Parse(version.APIVersion);
        var apiVersion = engineApi < options.MaxApiVersion ? engineApi : options.MaxApiVersion;

        var client = EngineClientBuilder.For(endpoint)
            .WithApiVersion(apiVersion)
            .WithTimeout(options.RequestTimeout)
            .Build();
        Log.Connected(logger, endpoint.Name, version.Version, apiVersion, null);
        return new DockerEngine(client, endpoint, apiVersion, version.Version, BuildRetry(options, logger), logger);
    }

    /// <summary>
    /// Where and how Testcontainers reaches this engine: the same endpoint and the same pinned <see cref="ApiVersion"/>
    /// (Testcontainers would otherwise ask for 1.44, which Debian's 20.10 engine refuses). Give it to
    /// <c>ContainerBuilder.WithDockerEndpoint</c>, together with <c>WithCleanUp(false)</c> (Ryuk needs an image pull, and
    /// no registry is reachable; the run labels and <see cref="Labels.Reaper"/> replace it). Passed per container, so
    /// nothing in the process environment changes and a user's other containers keep their own settings.
    /// </summary>
    public IDockerEndpointAuthenticationConfiguration TestcontainersEndpoint => _testcontainersEndpoint ??= new PinnedEndpoint(Endpoint, ApiVersion);

    /// <summary>Runs one engine call, retrying transient failures.</summary>
    public async Task<T> RunAsync<T>(Func<IDockerClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return await _retry.ExecuteAsync(
            static async (state, ct) => await state.call(state.Client, ct).ConfigureAwait(false),
            (call, Client), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one engine call that returns nothing, retrying transient failures.</summary>
    public Task RunAsync(Func<IDockerClient, CancellationToken, Task> call, CancellationToken cancellationToken)
        => RunAsync(async (client, ct) => { await call(client, ct).ConfigureAwait(false); return true; }, cancellationToken);

    /// <summary>
    /// Runs a command in a running container as root (iptables needs it even when the node runs as another user)
    /// and returns its exit code and output. A non-zero exit is a value here, not an exception.
    /// </summary>
    public async Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var result = await RunAsync(async (client, ct) =>
        {
            var exec = await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
            {
                Cmd = command.ToList(),
                User = "root",
                AttachStdout = true,
                AttachStderr = true,
            }, ct).ConfigureAwait(false);
            using var stream = await client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), ct).ConfigureAwait(false);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct).ConfigureAwait(false);
            var inspect = await client.Exec.InspectContainerExecAsync(exec.ID, ct).ConfigureAwait(false);
            return new ExecResult(inspect.ExitCode ?? -1, stdout, stderr);
        }, cancellationToken).ConfigureAwait(false);
        Log.Exec(_logger, containerId, string.Join(' ', command), result.ExitCode, null);
        return result;
    }

    /// <summary>Like <see cref="ExecAsync"/>, but a non-zero exit throws <see cref="ExecFailedException"/>.</summary>
    public async Task<ExecResult> ExecCheckedAsync(string containerId, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var result = await ExecAsync(containerId, command, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result : throw new ExecFailedException(containerId, command, result);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>True for failures that mean "nothing is listening there", as opposed to an engine that answered with an error.</summary>
    internal static bool IsUnreachable(Exception ex) => ex switch
    {
        HttpRequestException or SocketException or IOException or TimeoutException or OperationCanceledException => true,
        AggregateException agg => agg.InnerExceptions.All(IsUnreachable),
        _ => ex.InnerException is not null && IsUnreachable(ex.InnerException),
    };

    /// <summary>
    /// Transient: worth another try. Client errors (4xx: no such container, container paused) are not, except the
    /// conflict "container is restarting": the engine is restarting a container under its restart policy (failpoint runs
    /// set one, in case the in-container supervisor itself fails).
    /// </summary>
    internal static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        DockerApiException { StatusCode: HttpStatusCode.Conflict } api => api.ResponseBody?.Contains("is restarting", StringComparison.Ordinal) == true,
        DockerApiException api => (int)api.StatusCode >= 500 && api.StatusCode != HttpStatusCode.NotImplemented,
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    private static ResiliencePipeline BuildRetry(DockerEngineOptions options, ILogger logger)
    {
        if (options.RetryAttempts == 0) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = options.RetryAttempts,
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } ex && IsTransient(ex, args.Context.CancellationToken)),
            OnRetry = args =>
            {
                Log.Retrying(logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "", null);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }
}
