using System.Diagnostics;
using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// Clock rates that heal exactly. libfaketime cannot bring a process that ran at a rate back to real time in place (its
/// rate counts from a base it keeps; resets measured 3–13 s off), but a new process reads the control file afresh. So a
/// node whose process ran under a rate is, when its clock is reset, started again: by the target's
/// <see cref="Targets.NodeContainerSpec.RestartProcess"/> (our node's supervisor: same container, namespace and rules),
/// else by killing and starting its container. The heal is a process restart, with the node's data.
/// </summary>
public sealed partial class RaftCluster
{
    private readonly Dictionary<string, IReadOnlyList<string>> _processRestarts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rated = new(StringComparer.Ordinal);

    /// <summary>Nodes whose running process has run under a clock rate since it started (a reset restarts them).</summary>
    public IReadOnlySet<string> RatedNodes
    {
        get
        {
            lock (_faultGate) return _rated.ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>Marks the node's process as rated when <paramref name="skew"/> has a rate (called whenever a clock is written).</summary>
    private void NoteRate(string nodeId, ClockSkew skew)
    {
        if (skew.Rate == 1.0) return;
        lock (_faultGate) _rated.Add(nodeId);
    }

    /// <summary>A new process runs on the node (its container was started): no rate has touched it yet.</summary>
    private void ForgetRate(string nodeId)
    {
        lock (_faultGate) _rated.Remove(nodeId);
    }

    /// <summary>
    /// When the node's process ran under a rate and the wanted clock has none, starts the process again (the clock file
    /// already says real time) and waits until the node answers its status call again (up to 30 s).
    /// </summary>
    private async Task RestartIfRatedAsync(string nodeId, CancellationToken cancellationToken)
    {
        lock (_faultGate)
        {
            if (!_rated.Contains(nodeId) || _clocks.TryGetValue(nodeId, out var wanted) && wanted.Rate != 1.0) return;
            if (_killed.Contains(nodeId)) { _rated.Remove(nodeId); return; } // it starts afresh anyway
            if (_paused.Contains(nodeId)) return; // exec cannot enter a frozen container: resumed, it is reset again
        }
        var node = this[nodeId];
        var clock = Stopwatch.StartNew();
        if (_processRestarts.TryGetValue(nodeId, out var restart))
        {
            await SiteOf(nodeId).Engine.ExecCheckedAsync(node.ContainerId, restart, cancellationToken).ConfigureAwait(false);
            ForgetRate(nodeId);
        }
        else
        {
            await KillAsync(nodeId, cancellationToken).ConfigureAwait(false);
            await StartNodeAsync(nodeId, cancellationToken).ConfigureAwait(false);
        }
        while (await TryStatusAsync(nodeId, cancellationToken).ConfigureAwait(false) is null)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"{nodeId} did not answer within 30 s of its restart to leave a clock rate");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        Log.FaultHealed(_logger, "clock-rate", $"{nodeId} restarted in {clock.ElapsedMilliseconds} ms", null);
    }
}
