using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// Clock faults through libfaketime: the node process runs with the environment of
/// <see cref="FaketimeOptions.ContainerEnvironment"/>, and this class rewrites the control file in the container.
/// A running process sees the change within the cache duration (≤ 1 s with the defaults); a new process at once.
/// Strobing is a schedule of bumps and resets, driven by the nemesis above this class.
/// </summary>
public sealed class FaketimeClock
{
    private readonly DockerEngine _engine;
    private readonly FaketimeOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the fault; <paramref name="options"/> must match what the containers were created with.</summary>
    public FaketimeClock(DockerEngine engine, FaketimeOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new FaketimeOptions();
        _options.Validate();
        _engine = engine;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// The command that writes <paramref name="skew"/> to the control file: written to a temporary file and renamed,
    /// so libfaketime never reads half a line. Pure: no I/O.
    /// </summary>
    public static IReadOnlyList<string> PlanWrite(ClockSkew skew, FaketimeOptions options)
    {
        if (!options.FakeMonotonic && skew.Rate != 1.0)
            throw new NotSupportedException("a clock rate needs FakeMonotonic = true: with FAKETIME_DONT_FAKE_MONOTONIC libfaketime 0.9.10 hangs .NET timed waits when the rate changes");
        // The file name and the spec go in as positional parameters, never spliced into the script.
        return ["sh", "-c", "mkdir -p \"$(dirname \"$1\")\" && printf '%s\\n' \"$2\" > \"$1.tmp\" && chmod 644 \"$1.tmp\" && mv -f \"$1.tmp\" \"$1\"",
            "sh", options.ControlFile, skew.ToFaketimeSpec()];
    }

    /// <summary>Sets the node's clock to <paramref name="skew"/>.</summary>
    public async Task ApplyAsync(NodeTarget target, ClockSkew skew, CancellationToken cancellationToken)
    {
        await _engine.ExecCheckedAsync(target.ContainerId, PlanWrite(skew, _options), cancellationToken).ConfigureAwait(false);
        Log.FaultApplied(_logger, "clock", $"{target.NodeId} {skew}", null);
    }

    /// <summary>Puts the node back on real time.</summary>
    public async Task ResetAsync(NodeTarget target, CancellationToken cancellationToken)
    {
        await _engine.ExecCheckedAsync(target.ContainerId, PlanWrite(ClockSkew.None, _options), cancellationToken).ConfigureAwait(false);
        Log.FaultHealed(_logger, "clock", target.NodeId, null);
    }

    /// <summary>The control file's current line, or null when there is none (real time).</summary>
    public async Task<string?> ReadAsync(NodeTarget target, CancellationToken cancellationToken)
    {
        var result = await _engine.ExecAsync(target.ContainerId, ["cat", _options.ControlFile], cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.Stdout.Trim() : null;
    }
}
