using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Faults;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// The faults at the cluster level. The cluster keeps the wanted state (grudge, killed, paused, clock per node) and
/// applies it to each node that can take it. Partition rules live in the node's network namespace and are written by
/// its helper container, which works while the node is paused; a killed node's namespace is gone, so a node that is
/// started again gets a new helper and the grudge in force (as before helpers: a restarted node never comes back
/// without the rules the cluster wants). Clock files live in the node container, which exec cannot enter while paused,
/// so a resumed node gets its clock again. Every action on a node goes to the engine that holds it (its site).
/// </summary>
public sealed partial class RaftCluster
{
    private readonly Lock _faultGate = new();
    private readonly HashSet<string> _killed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _paused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClockSkew> _clocks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (CancellationTokenSource Stop, Task Loop)> _strobes = new(StringComparer.Ordinal);
    private Grudge? _grudge;

    /// <inheritdoc />
    public ActiveFaults ActiveFaults
    {
        get
        {
            lock (_faultGate)
            {
                return new ActiveFaults(_grudge, _killed.ToHashSet(StringComparer.Ordinal), _paused.ToHashSet(StringComparer.Ordinal),
                    new Dictionary<string, ClockSkew>(_clocks, StringComparer.Ordinal), _netem);
            }
        }
    }

    /// <summary>Nodes neither killed nor paused.</summary>
    public IReadOnlyList<ClusterNode> LiveNodes()
    {
        lock (_faultGate) return _nodes.Where(n => !_killed.Contains(n.Id) && !_paused.Contains(n.Id)).ToList();
    }

    /// <summary>
    /// The helper container in <paramref name="nodeId"/>'s network namespace (made anew after a restart): where the
    /// partition rules are written and read, and where a test can measure what the node's network lets through.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node is not running: its namespace is gone until it starts again.</exception>
    public async Task<string> NetworkHelperAsync(string nodeId, CancellationToken cancellationToken)
    {
        var node = this[nodeId];
        return await SiteOf(node.Id).Helpers.EnsureAsync(node.Id, node.ContainerId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{nodeId} is not running: its network namespace is gone until it is started again");
    }

    /// <inheritdoc />
    public async Task PartitionAsync(Grudge grudge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grudge);
        lock (_faultGate) _grudge = grudge;
        await Task.WhenAll(RunningNodes().Select(n => ApplyNetworkAsync(n, cancellationToken))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task HealPartitionAsync(CancellationToken cancellationToken)
    {
        lock (_faultGate) _grudge = null;
        await Task.WhenAll(RunningNodes().Select(n => ApplyNetworkAsync(n, cancellationToken))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task KillAsync(string nodeId, CancellationToken cancellationToken)
    {
        Require(TargetCapabilities.Kill, "kill");
        await SiteOf(nodeId).Kill.KillAsync(this[nodeId].Target, cancellationToken).ConfigureAwait(false);
        lock (_faultGate)
        {
            _killed.Add(nodeId);
            _paused.Remove(nodeId); // the kill thawed it
        }
    }

    /// <inheritdoc />
    public async Task StartNodeAsync(string nodeId, CancellationToken cancellationToken)
    {
        var node = this[nodeId];
        await SiteOf(nodeId).Kill.StartAsync(node.Target, cancellationToken).ConfigureAwait(false);
        lock (_faultGate) _killed.Remove(nodeId);
        ForgetRate(nodeId);
        await ApplyNetworkAsync(node, cancellationToken).ConfigureAwait(false);
        await ApplyNetemAsync(node, cancellationToken).ConfigureAwait(false);
        await ApplyClockAsync(node, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PauseAsync(string nodeId, CancellationToken cancellationToken)
    {
        Require(TargetCapabilities.Pause, "pause");
        lock (_faultGate)
        {
            if (_killed.Contains(nodeId)) return; // nothing runs to freeze
        }
        await SiteOf(nodeId).Pause.PauseAsync(this[nodeId].Target, cancellationToken).ConfigureAwait(false);
        lock (_faultGate) _paused.Add(nodeId);
    }

    /// <inheritdoc />
    public async Task ResumeAsync(string nodeId, CancellationToken cancellationToken)
    {
        var node = this[nodeId];
        await SiteOf(nodeId).Pause.ResumeAsync(node.Target, cancellationToken).ConfigureAwait(false);
        lock (_faultGate) _paused.Remove(nodeId);
        if (!IsKilled(node)) await ApplyClockAsync(node, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetClockAsync(string nodeId, ClockSkew skew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skew);
        if (!_options.EffectiveClockFaults && skew != ClockSkew.None)
        {
            Require(TargetCapabilities.Clock, "clock");
            throw new InvalidOperationException("this cluster was started with ClockFaults = false: its nodes do not run under libfaketime");
        }
        var node = this[nodeId];
        lock (_faultGate)
        {
            if (skew == ClockSkew.None) _clocks.Remove(nodeId);
            else _clocks[nodeId] = skew;
        }
        if (IsLive(node)) await ApplyClockAsync(node, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A period under 1 s would be blurred by libfaketime's cache.</remarks>
    public async Task StrobeClockAsync(string nodeId, TimeSpan delta, TimeSpan period, CancellationToken cancellationToken)
    {
        await StopStrobeAsync(nodeId).ConfigureAwait(false);
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            var ahead = false;
            while (!stop.IsCancellationRequested)
            {
                ahead = !ahead;
                try
                {
                    await SetClockAsync(nodeId, ahead ? ClockSkew.Bump(delta) : ClockSkew.Bump(TimeSpan.Zero), stop.Token).ConfigureAwait(false);
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
        lock (_faultGate) _strobes[nodeId] = (stop, loop);
        await SetClockAsync(nodeId, ClockSkew.Bump(delta), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>A node whose process ran under a rate is started again (RaftCluster.ClockRate.cs).</remarks>
    public async Task ResetClockAsync(string nodeId, CancellationToken cancellationToken)
    {
        await StopStrobeAsync(nodeId).ConfigureAwait(false);
        await SetClockAsync(nodeId, ClockSkew.None, cancellationToken).ConfigureAwait(false);
        await RestartIfRatedAsync(nodeId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Heals everything: disarms failpoints, resumes paused nodes, starts killed ones, removes every DROP rule, resets every clock, adds every original member back.</summary>
    public async Task HealAsync(CancellationToken cancellationToken)
    {
        // A failpoint is a fault too: crashing voters would keep the final election from settling.
        await DisarmFailpointAsync(cancellationToken).ConfigureAwait(false);
        await HealDisksAsync(cancellationToken).ConfigureAwait(false);
        await StopStrobesAsync().ConfigureAwait(false);
        lock (_faultGate)
        {
            _grudge = null;
            _netem = [];
            _clocks.Clear();
        }
        var faults = ActiveFaults;
        foreach (var id in NodeIds.Where(faults.Paused.Contains)) await ResumeAsync(id, cancellationToken).ConfigureAwait(false);
        foreach (var id in NodeIds.Where(faults.Killed.Contains)) await StartNodeAsync(id, cancellationToken).ConfigureAwait(false);
        // Every node, not only the faulted ones: the state we believe in is re-imposed, whatever happened. A node not
        // running now stopped on its own (a broken invariant under an --unsafe bug): nothing of it can be healed, the heal
        // check reports it, and the others are healed all the same (before, every attempt failed on it and the membership
        // heal never ran).
        await Task.WhenAll(_nodes.Select(async n =>
        {
            if (await SiteOf(n.Id).Helpers.EnsureAsync(n.Id, n.ContainerId, cancellationToken).ConfigureAwait(false) is null)
            {
                Log.NodeStoppedOnItsOwn(_logger, n.Id, null);
                return;
            }
            await ApplyNetworkAsync(n, cancellationToken).ConfigureAwait(false);
            await ApplyNetemAsync(n, cancellationToken).ConfigureAwait(false);
            await ApplyClockAsync(n, cancellationToken).ConfigureAwait(false);
            await RestartIfRatedAsync(n.Id, cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
        // Last: adding members back needs a leader, so every other fault must be gone first.
        await HealMembershipAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What is still not healed, as sentences (empty when healed): a container not running or paused, a DROP rule left
    /// (read back through the node's network helper), a clock file that is not real time, or a node whose wall clock
    /// (as its status reports it) is off from the host's by more than <paramref name="clockTolerance"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> VerifyHealedAsync(TimeSpan clockTolerance, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var node in _nodes)
        {
            var site = SiteOf(node.Id);
            var state = await site.Kill.StateAsync(node.Target, cancellationToken).ConfigureAwait(false);
            if (!state.Running) { problems.Add($"{node.Id} is not running"); continue; }
            if (state.Paused) { problems.Add($"{node.Id} is paused"); continue; }
            var helper = node.Target with { ContainerId = await NetworkHelperAsync(node.Id, cancellationToken).ConfigureAwait(false) };
            var rules = await new IptablesPartition(site.Engine, [helper], null, _logger).ListDropRulesAsync(helper, cancellationToken).ConfigureAwait(false);
            if (rules.Count > 0) problems.Add($"{node.Id} still has DROP rules: {string.Join("; ", rules)}");
            var netem = await NetemLeftAsync(node.Id, cancellationToken).ConfigureAwait(false);
            if (netem.Count > 0) problems.Add($"{node.Id} still has netem rules, delayers or qdiscs: {string.Join("; ", netem)}");
            var spec = _options.EffectiveClockFaults ? await site.Clock.ReadAsync(node.Target, cancellationToken).ConfigureAwait(false) : null;
            if (spec is not null && spec != ClockSkew.None.ToFaketimeSpec()) problems.Add($"{node.Id}'s clock file says '{spec}'");
            if (RatedNodes.Contains(node.Id)) problems.Add($"{node.Id}'s process still runs from a clock rate (not restarted)");
            if (await DiskProblemAsync(node, cancellationToken).ConfigureAwait(false) is { } disk) problems.Add(disk);
            if (Capabilities.HasFlag(TargetCapabilities.Membership) && await MembersAsync(node.Id, cancellationToken).ConfigureAwait(false) is { } voters
                && NodeIds.Except(voters).ToList() is { Count: > 0 } missing)
            {
                problems.Add($"{node.Id}'s voters ({string.Join(",", voters)}) lack {string.Join(",", missing)}");
            }
            var status = await TryStatusAsync(node.Id, cancellationToken).ConfigureAwait(false);
            if (status is null) { problems.Add($"{node.Id} does not answer its status call"); continue; }
            var skew = await WallClockSkewAsync(node.Id, cancellationToken).ConfigureAwait(false);
            if (skew is { } off && off.Duration() > clockTolerance) problems.Add($"{node.Id}'s wall clock is off by {off.TotalMilliseconds:F0} ms");
        }
        return problems;
    }

    /// <summary>
    /// How far the node's wall clock (its status) is from the host's, estimated at the middle of the call; null when the
    /// node does not answer or its status carries no wall clock.
    /// </summary>
    public async Task<TimeSpan?> WallClockSkewAsync(string nodeId, CancellationToken cancellationToken)
    {
        var before = DateTimeOffset.UtcNow;
        var status = await TryStatusAsync(nodeId, cancellationToken).ConfigureAwait(false);
        if (status?.WallClockUnixMs is not { } wallClock) return null;
        var after = DateTimeOffset.UtcNow;
        var middle = before + (after - before) / 2;
        return TimeSpan.FromMilliseconds(wallClock - middle.ToUnixTimeMilliseconds());
    }

    /// <summary>Arms the target's failpoints on every node (no-op without any), through the target's <see cref="FailpointSwitch"/>.</summary>
    public Task ArmFailpointAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_nodes.Where(n => _failpoints.ContainsKey(n.Id)).Select(n => SiteOf(n.Id).Engine.ExecCheckedAsync(n.ContainerId, _failpoints[n.Id].Arm, cancellationToken)));

    /// <summary>Disarms the failpoints on every node (no-op without any); a node being restarted is waited for by the engine retries.</summary>
    public Task DisarmFailpointAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_nodes.Where(n => _failpoints.ContainsKey(n.Id)).Select(n => SiteOf(n.Id).Engine.ExecCheckedAsync(n.ContainerId, _failpoints[n.Id].Disarm, cancellationToken)));

    private void Require(TargetCapabilities capability, string fault)
    {
        if (!Capabilities.HasFlag(capability))
            throw new NotSupportedException($"target '{Target.Name}' cannot take the {fault} fault (its capabilities: {Capabilities})");
    }

    private bool IsKilled(ClusterNode node) { lock (_faultGate) return _killed.Contains(node.Id); }

    private bool IsLive(ClusterNode node) { lock (_faultGate) return !_killed.Contains(node.Id) && !_paused.Contains(node.Id); }

    /// <summary>Nodes not killed: their network namespace exists (a paused node's too), so their helper can change it.</summary>
    private List<ClusterNode> RunningNodes()
    {
        lock (_faultGate) return _nodes.Where(n => !_killed.Contains(n.Id)).ToList();
    }

    private async Task ApplyNetworkAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        var targets = _nodes.Select(n => n.Target).ToList();
        var chain = new IptablesPartitionOptions().Chain;
        var grudge = ActiveFaults.Partition;
        var commands = grudge is null ? IptablesPartition.PlanHeal(targets, chain) : IptablesPartition.Plan(grudge, targets, chain);
        var command = commands.Single(c => c.NodeId == node.Id);
        // A node that stopped on its own (a crash under an --unsafe switch) has no namespace: the same failure as an exec
        // into a stopped container, which the nemesis guard and the heal's retries already handle.
        var site = SiteOf(node.Id);
        var helper = await site.Helpers.EnsureAsync(node.Id, node.ContainerId, cancellationToken).ConfigureAwait(false)
            ?? throw new ExecFailedException(node.ContainerId, command.Command, new ExecResult(126, "", $"{node.Id} is not running: no network namespace to change"));
        await site.Engine.ExecCheckedAsync(helper, command.Command, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyClockAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        if (!_options.EffectiveClockFaults) return; // no libfaketime, no control file: real time by construction
        ClockSkew skew;
        lock (_faultGate) skew = _clocks.GetValueOrDefault(node.Id, ClockSkew.None);
        await SiteOf(node.Id).Clock.ApplyAsync(node.Target, skew, cancellationToken).ConfigureAwait(false);
        NoteRate(node.Id, skew);
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
}
