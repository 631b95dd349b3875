using Docker.DotNet;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// Composes the nemeses over a run: after <see cref="NemesisOptions.LeadIn"/>, every <see cref="NemesisOptions.Interval"/>
/// one fault starts, is held for <see cref="NemesisOptions.HoldFraction"/> of the interval (counted from the moment it is in
/// force) and is healed; a slow start or heal shifts the later faults instead of shortening them. Faults never
/// overlap, and the kinds take turns in a seeded shuffled order (each kind once per round), so a short run with
/// <c>--nemesis all</c> sees every kind. All choices come from <see cref="NemesisContext.Random"/>.
/// </summary>
public sealed class NemesisSchedule
{
    private readonly NemesisOptions _options;
    private readonly IReadOnlyList<INemesis> _nemeses;
    private readonly NemesisContext _context;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    /// <summary>How long a heal may take before the schedule arms its bound (see <see cref="StopWithinAsync"/>).</summary>
    private static readonly TimeSpan QuickHeal = TimeSpan.FromMilliseconds(100);

    private readonly HashSet<INemesis> _abandoned = [];
    private int _started;

    /// <summary>Creates the schedule of the nemeses <paramref name="options"/> names; nothing happens until <see cref="RunAsync"/>.</summary>
    public NemesisSchedule(NemesisOptions options, NemesisContext context, ILogger? logger = null, TimeProvider? time = null)
        : this(options, options.CreateNemeses(), context, logger, time)
    {
    }

    /// <summary>Creates a schedule of the given nemeses (your own kinds, or test doubles) with the timing of <paramref name="options"/>.</summary>
    public NemesisSchedule(NemesisOptions options, IReadOnlyList<INemesis> nemeses, NemesisContext context, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = options.Validate().Concat(nemeses.Select(n => NemesisOptions.Refusal(n, "of this cluster", context.Cluster.Capabilities)).OfType<string>()).ToList();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _options = options;
        _nemeses = nemeses;
        _context = context;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The active faults now, one description each (for the progress display).</summary>
    public IReadOnlyList<string> ActiveFaults => [.. _nemeses.Select(n => n.Active).OfType<string>()];

    /// <summary>Faults started so far.</summary>
    public int FaultsStarted => Volatile.Read(ref _started);

    /// <summary>
    /// Runs the schedule for <paramref name="duration"/> (no fault is started that could not be healed within it). A
    /// fault that fails to apply or heal is logged and left to the final heal; cancellation stops at once (call
    /// <see cref="StopAllAsync"/> then).
    /// </summary>
    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (_nemeses.Count == 0)
        {
            return;
        }
        var start = _time.GetTimestamp();
        var hold = _options.Interval * _options.HoldFraction;
        var quiet = _options.Interval - hold;
        var round = new Queue<INemesis>();
        var next = _options.LeadIn;
        while (true)
        {
            // On time, faults start every interval. A fault that took long to apply or to heal pushes the rest back rather
            // than eating into their hold or quiet time: otherwise a slow heal (a restarted node, a rejoining member) left the
            // next fault a fraction of its hold, and the cluster no quiet time between faults.
            var at = Max(next, _time.GetElapsedTime(start));
            if (at + hold > duration)
            {
                return;
            }
            await DelayUntilAsync(start, at, cancellationToken).ConfigureAwait(false);
            if (round.Count == 0)
            {
                var shuffled = _nemeses.ToArray();
                _context.Random.Shuffle(shuffled);
                foreach (var n in shuffled)
                {
                    round.Enqueue(n);
                }
            }
            var nemesis = round.Dequeue();
            await GuardAsync(nemesis, "start", () => nemesis.StartAsync(_context, cancellationToken)).ConfigureAwait(false);
            Interlocked.Increment(ref _started);
            if (nemesis.Active is { } active)
            {
                Log.NemesisStarted(_logger, active, null);
            }
            // Held for the whole hold from the moment it is in force, but healed within the run's duration.
            var applied = _time.GetElapsedTime(start);
            await DelayUntilAsync(start, Min(applied + hold, duration), cancellationToken).ConfigureAwait(false);
            // A heal may take its time while the run goes on (the later faults wait), but not much past the run's end.
            var bound = Max(duration, _time.GetElapsedTime(start)) + _options.StopGrace - _time.GetElapsedTime(start);
            if (await StopWithinAsync(nemesis, bound, cancellationToken).ConfigureAwait(false))
            {
                Log.NemesisHealed(_logger, nemesis.Kind, null);
            }
            next = Max(at + _options.Interval, _time.GetElapsedTime(start) + quiet);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>
    /// Stops every active fault (recording the stop events), each within <see cref="NemesisOptions.StopGrace"/>; failures
    /// and abandoned heals are logged and left to the cluster's heal. A heal abandoned once is not asked again.
    /// </summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        foreach (var nemesis in _nemeses.Where(n => n.Active is not null && !_abandoned.Contains(n)))
        {
            await StopWithinAsync(nemesis, _options.StopGrace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Heals <paramref name="nemesis"/>'s fault, cancelled after <paramref name="bound"/>: a heal that cannot finish (a
    /// cluster that never commits the change it waits for) then stops where it is, and the run's final heal, which needs
    /// no nemesis, takes over. False when it failed or was abandoned.
    /// </summary>
    private async Task<bool> StopWithinAsync(INemesis nemesis, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var healing = GuardAsync(nemesis, "stop", () => nemesis.StopAsync(_context, stop.Token));
        // Most heals end within a moment: they need no timer on the schedule's clock, which in tests jumps the whole bound
        // at every timer (a real-time moment, then, as the one place the schedule does not use its clock).
        await Task.WhenAny(healing, Task.Delay(QuickHeal, TimeProvider.System, cancellationToken)).ConfigureAwait(false);
        if (!healing.IsCompleted)
        {
            // A delay rather than CancelAfter, so that the bound runs on the schedule's clock.
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var expired = Task.Delay(bound, _time, stopWaiting.Token);
            if (await Task.WhenAny(healing, expired).ConfigureAwait(false) == expired && !cancellationToken.IsCancellationRequested)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await healing.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The cancellation we asked for.
                }
                _abandoned.Add(nemesis);
                Log.NemesisAbandoned(_logger, nemesis.Kind, bound.TotalSeconds, null);
                return false;
            }
            await stopWaiting.CancelAsync().ConfigureAwait(false);
        }
        return await healing.ConfigureAwait(false);
    }

    /// <summary>Runs one start or stop; false when it failed (logged: the fault may be half applied).</summary>
    private async Task<bool> GuardAsync(INemesis nemesis, string step, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is DockerApiException or ExecFailedException or RpcException or TimeoutException or IOException or HttpRequestException)
        {
            // The fault may be half applied; the final heal re-imposes a healed cluster whatever happened.
            Log.NemesisFailed(_logger, nemesis.Kind, step, ex.Message, ex);
            return false;
        }
    }

    private Task DelayUntilAsync(long start, TimeSpan at, CancellationToken cancellationToken)
    {
        var wait = at - _time.GetElapsedTime(start);
        return wait > TimeSpan.Zero ? Task.Delay(wait, _time, cancellationToken) : Task.CompletedTask;
    }
}
