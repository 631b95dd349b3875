using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Faults;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// The faults at the cluster level. The cluster keeps the wanted state (grudge, killed, paused, clock per node) and
/// applies it to each node that can take it: iptables rules vanish when a container restarts and exec is refused on a
/// paused one, so a node that is started or resumed gets the current grudge and clock again.
/// </summary>
public sealed partial class RaftCluster
{
    private readonly ContainerKill _kill;
    private readonly ContainerPause _pause;
    private readonly FaketimeClock _clock;
    private readonly Lock _faultGate = new();
    private readonly HashSet<string> _killed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _paused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClockSkew> _clocks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (CancellationTokenSource Stop, Task Loop)> _strobes = new(StringComparer.Ordinal);
    private Grudge? _grudge;

    /// <summary>The partition in force, or null.</summary>
    public Grudge? ActiveGrudge { get { lock (_faultGate) return _grudge; } }

    /// <summary>Ids of the nodes killed and not started again.</summary>
    public IReadOnlySet<string> KilledNodes { get { lock (_faultGate) return _killed.ToHashSet(StringComparer.Ordinal); } }

    /// <summary>Ids of the paused nodes.</summary>
    public IReadOnlySet<string> PausedNodes { get { lock (_faultGate) return _paused.ToHashSet(StringComparer.Ordinal); } }

    /// <summary>Nodes whose clock is not real time (strobing ones included), with the skew last written.</summary>
    public IReadOnlyDictionary<string, ClockSkew> SkewedClocks { get { lock (_faultGate) return new Dictionary<string, ClockSkew>(_clocks); } }

    /// <summary>Nodes neither killed nor paused.</summary>
    public IReadOnlyList<ClusterNode> LiveNodes()
    {
        lock (_faultGate) return _nodes.Where(n => !_killed.Contains(n.Id) && !_paused.Contains(n.Id)).ToList();
    }

    /// <summary>Cuts the network as <paramref name="grudge"/> says (replacing any earlier grudge) on every live node.</summary>
    public async Task PartitionAsync(Grudge grudge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grudge);
        lock (_faultGate) _grudge = grudge;
        await Task.WhenAll(LiveNodes().Select(n => ApplyNetworkAsync(n, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Removes every DROP rule on every live node (a paused or killed node is healed when it comes back).</summary>
    public async Task HealPartitionAsync(CancellationToken cancellationToken)
    {
        lock (_faultGate) _grudge = null;
        await Task.WhenAll(LiveNodes().Select(n => ApplyNetworkAsync(n, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>SIGKILLs the node's container (its data stays in the container's volume).</summary>
    public async Task KillAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        await _kill.KillAsync(node.Target, cancellationToken).ConfigureAwait(false);
        lock (_faultGate)
        {
            _killed.Add(node.Id);
            _paused.Remove(node.Id); // the kill thawed it
        }
    }

    /// <summary>Starts a killed node again: same container, data, address and client port; the grudge and clock in force are re-applied.</summary>
    public async Task StartNodeAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        await _kill.StartAsync(node.Target, cancellationToken).ConfigureAwait(false);
        lock (_faultGate) _killed.Remove(node.Id);
        await ApplyNetworkAsync(node, cancellationToken).ConfigureAwait(false);
        await ApplyClockAsync(node, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Freezes every process of the node (docker pause).</summary>
    public async Task PauseAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        lock (_faultGate)
        {
            if (_killed.Contains(node.Id)) return; // nothing runs to freeze
        }
        await _pause.PauseAsync(node.Target, cancellationToken).ConfigureAwait(false);
        lock (_faultGate) _paused.Add(node.Id);
    }

    /// <summary>Thaws the node, then applies the grudge and clock that changed while it was frozen.</summary>
    public async Task ResumeAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        await _pause.ResumeAsync(node.Target, cancellationToken).ConfigureAwait(false);
        lock (_faultGate) _paused.Remove(node.Id);
        if (!IsKilled(node)) await ApplyNetworkAsync(node, cancellationToken).ConfigureAwait(false);
        if (!IsKilled(node)) await ApplyClockAsync(node, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the node's clock (a bump, a rate skew, an absolute start); libfaketime picks it up within about a second.</summary>
    public async Task SetClockAsync(ClusterNode node, ClockSkew skew, CancellationToken cancellationToken)
    {
        if (!_options.ClockFaults && skew != ClockSkew.None)
            throw new InvalidOperationException("this cluster was started with ClockFaults = false: its nodes do not run under libfaketime");
        lock (_faultGate)
        {
            if (skew == ClockSkew.None) _clocks.Remove(node.Id);
            else _clocks[node.Id] = skew;
        }
        if (IsLive(node)) await ApplyClockAsync(node, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Strobes the node's clock: every <paramref name="period"/> it jumps between +<paramref name="delta"/> and real
    /// time, until <see cref="ResetClockAsync"/> or a heal. (A period under 1 s would be blurred by libfaketime's cache.)
    /// </summary>
    public async Task StrobeClockAsync(ClusterNode node, TimeSpan delta, TimeSpan period, CancellationToken cancellationToken)
    {
        await StopStrobeAsync(node.Id).ConfigureAwait(false);
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            var ahead = false;
            while (!stop.IsCancellationRequested)
            {
                ahead = !ahead;
                try
                {
                    await SetClockAsync(node, ahead ? ClockSkew.Bump(delta) : ClockSkew.Bump(TimeSpan.Zero), stop.Token).ConfigureAwait(false);
                    await Task.Delay(period, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (ExecFailedException)
                {
                    // The node was killed or paused between two flips; the next flip (or the heal) sets it again.
                }
            }
        }, CancellationToken.None);
        lock (_faultGate) _strobes[node.Id] = (stop, loop);
        await SetClockAsync(node, ClockSkew.Bump(delta), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the node back on real time (stopping a strobe).</summary>
    public async Task ResetClockAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        await StopStrobeAsync(node.Id).ConfigureAwait(false);
        await SetClockAsync(node, ClockSkew.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Heals everything: resumes paused nodes, starts killed ones, removes every DROP rule, resets every clock.</summary>
    public async Task HealAsync(CancellationToken cancellationToken)
    {
        // A failpoint is a fault too: crashing voters would keep the final election from settling.
        await DisarmFailpointAsync(cancellationToken).ConfigureAwait(false);
        await StopStrobesAsync().ConfigureAwait(false);
        lock (_faultGate)
        {
            _grudge = null;
            _clocks.Clear();
        }
        foreach (var node in _nodes.Where(n => PausedNodes.Contains(n.Id))) await ResumeAsync(node, cancellationToken).ConfigureAwait(false);
        foreach (var node in _nodes.Where(n => KilledNodes.Contains(n.Id))) await StartNodeAsync(node, cancellationToken).ConfigureAwait(false);
        // Every node, not only the faulted ones: the state we believe in is re-imposed, whatever happened.
        await Task.WhenAll(_nodes.Select(async n =>
        {
            await ApplyNetworkAsync(n, cancellationToken).ConfigureAwait(false);
            await ApplyClockAsync(n, cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }

    /// <summary>
    /// What is still not healed, as sentences (empty when healed): a container not running or paused, a DROP rule left,
    /// a clock file that is not real time, or a node whose Status wall clock is off from the host's by more than
    /// <paramref name="clockTolerance"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> VerifyHealedAsync(TimeSpan clockTolerance, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var partition = new IptablesPartition(_engine, _nodes.Select(n => n.Target).ToList(), null, _logger);
        foreach (var node in _nodes)
        {
            var state = await _kill.StateAsync(node.Target, cancellationToken).ConfigureAwait(false);
            if (!state.Running) { problems.Add($"{node.Id} is not running"); continue; }
            if (state.Paused) { problems.Add($"{node.Id} is paused"); continue; }
            var rules = await partition.ListDropRulesAsync(node.Target, cancellationToken).ConfigureAwait(false);
            if (rules.Count > 0) problems.Add($"{node.Id} still has DROP rules: {string.Join("; ", rules)}");
            var spec = _options.ClockFaults ? await _clock.ReadAsync(node.Target, cancellationToken).ConfigureAwait(false) : null;
            if (spec is not null && spec != ClockSkew.None.ToFaketimeSpec()) problems.Add($"{node.Id}'s clock file says '{spec}'");
            var skew = await WallClockSkewAsync(node, cancellationToken).ConfigureAwait(false);
            if (skew is null) problems.Add($"{node.Id} does not answer Status");
            else if (skew.Value.Duration() > clockTolerance) problems.Add($"{node.Id}'s wall clock is off by {skew.Value.TotalMilliseconds:F0} ms");
        }
        return problems;
    }

    /// <summary>
    /// How far the node's wall clock (Status) is from the host's, estimated at the middle of the call; null when the
    /// node does not answer.
    /// </summary>
    public async Task<TimeSpan?> WallClockSkewAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        var before = DateTimeOffset.UtcNow;
        var status = await TryStatusAsync(node, cancellationToken).ConfigureAwait(false);
        if (status is null) return null;
        var after = DateTimeOffset.UtcNow;
        var middle = before + (after - before) / 2;
        return TimeSpan.FromMilliseconds(status.WallClockUnixMs - middle.ToUnixTimeMilliseconds());
    }

    private bool IsKilled(ClusterNode node) { lock (_faultGate) return _killed.Contains(node.Id); }

    private bool IsLive(ClusterNode node) { lock (_faultGate) return !_killed.Contains(node.Id) && !_paused.Contains(node.Id); }

    private Task ApplyNetworkAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        var targets = _nodes.Select(n => n.Target).ToList();
        var chain = new IptablesPartitionOptions().Chain;
        var grudge = ActiveGrudge;
        var commands = grudge is null ? IptablesPartition.PlanHeal(targets, chain) : IptablesPartition.Plan(grudge, targets, chain);
        var command = commands.Single(c => c.NodeId == node.Id);
        return _engine.ExecCheckedAsync(command.ContainerId, command.Command, cancellationToken);
    }

    private async Task ApplyClockAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        if (!_options.ClockFaults) return; // no libfaketime, no control file: real time by construction
        ClockSkew skew;
        lock (_faultGate) skew = _clocks.GetValueOrDefault(node.Id, ClockSkew.None);
        await _clock.ApplyAsync(node.Target, skew, cancellationToken).ConfigureAwait(false);
    }

    private async Task StopStrobeAsync(string nodeId)
    {
        (CancellationTokenSource Stop, Task Loop) strobe;
        lock (_faultGate)
        {
            if (!_strobes.Remove(nodeId, out strobe)) return;
        }
        await strobe.Stop.CancelAsync().ConfigureAwait(false);
        await strobe.Loop.ConfigureAwait(false);
        strobe.Stop.Dispose();
    }

    private async Task StopStrobesAsync()
    {
        List<string> ids;
        lock (_faultGate) ids = [.. _strobes.Keys];
        foreach (var id in ids) await StopStrobeAsync(id).ConfigureAwait(false);
    }

    /// <summary>Where the nodes look for the failpoint's arm file (<c>--failpoint-file</c>); outside the data volume.</summary>
    public const string FailpointArmFile = "/etc/raftchaos/failpoint-armed";

    /// <summary>Arms the configured failpoint on every node (no-op without one): written as root through docker exec.</summary>
    public Task ArmFailpointAsync(CancellationToken cancellationToken) =>
        _options.Failpoint is null ? Task.CompletedTask
        : Task.WhenAll(_nodes.Select(n => _engine.ExecCheckedAsync(n.ContainerId, ["sh", "-c", "mkdir -p \"$(dirname \"$1\")\" && touch \"$1\"", "sh", FailpointArmFile], cancellationToken)));

    /// <summary>Disarms the failpoint on every node (no-op without one); a node being restarted is waited for by the engine retries.</summary>
    public Task DisarmFailpointAsync(CancellationToken cancellationToken) =>
        _options.Failpoint is null ? Task.CompletedTask
        : Task.WhenAll(_nodes.Select(n => _engine.ExecCheckedAsync(n.ContainerId, ["rm", "-f", FailpointArmFile], cancellationToken)));
}
