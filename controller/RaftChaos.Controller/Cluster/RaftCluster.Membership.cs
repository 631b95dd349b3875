using Docker.DotNet.Models;
using RaftChaos.Controller.Labels;
using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Cluster;

/// <summary>
/// Membership at the cluster level: each node's voters read back through its admin service, single-server changes asked
/// of a node, wiping a node's disk, and the heal: every original member a voter again, on every node.
/// </summary>
public sealed partial class RaftCluster
{
    /// <summary>How long one admin call may take: a change waits for its commit, which an election can delay.</summary>
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the membership heal keeps asking. A correct cluster is whole again within a few seconds once the other
    /// faults are gone; a buggy one (membership-on-append splits it into two that never commit each other's members back)
    /// may never be: what is then missing is left to the heal check and the node-log checks, which make it a finding.
    /// </summary>
    private static readonly TimeSpan MembershipHealBudget = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, INodeMembership> _memberships = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _dataDirectories = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>?> MembersAsync(string nodeId, CancellationToken cancellationToken)
        => await Membership(nodeId).MembersAsync(AdminTimeout, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<MembershipChangeResult> ChangeMembershipAsync(string viaNodeId, bool add, string member, CancellationToken cancellationToken)
        => await Membership(viaNodeId).ChangeAsync(add, member, AdminTimeout, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task WipeAsync(string nodeId, CancellationToken cancellationToken)
    {
        Require(TargetCapabilities.Kill, "wipe");
        var node = this[nodeId];
        var dataDirectory = _dataDirectories.GetValueOrDefault(nodeId) ?? throw new NotSupportedException($"no data folder is known for {nodeId}");
        await KillAsync(nodeId, cancellationToken).ConfigureAwait(false);
        // The data folder is an anonymous volume of the node's container: a throwaway container of the same image mounts
        // it (--volumes-from) and empties it while the node is down, so nothing the node still writes can land after it.
        var labels = RunLabels.For(RunId, nodeId).ToDictionary();
        labels[RunOwner.Label] = RunOwner.Current.ToString();
        labels[RunLabels.Role] = "wipe";
        // On the engine that holds the node: the volume is there (and so is the image, shipped when the cluster started).
        await SiteOf(nodeId).Engine.RunAsync(async (c, ct) =>
        {
            var created = await c.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = Image,
                Name = $"raftchaos-{RunId}-{nodeId}-wipe-{Guid.NewGuid().ToString("N")[..6]}",
                Entrypoint = ["/bin/sh", "-c", "find \"$1\" -mindepth 1 -delete", "wipe", dataDirectory],
                User = "0",
                Labels = labels,
                HostConfig = new HostConfig { VolumesFrom = [node.ContainerId], NetworkMode = "none" },
            }, ct).ConfigureAwait(false);
            try
            {
                await c.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct).ConfigureAwait(false);
                var exit = await c.Containers.WaitContainerAsync(created.ID, ct).ConfigureAwait(false);
                if (exit.StatusCode != 0) throw new InvalidOperationException($"wiping {nodeId}'s {dataDirectory} failed with status {exit.StatusCode}");
            }
            finally
            {
                await c.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        await StartNodeAsync(nodeId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes every original member a voter again: asks the leader to add back each missing one, one at a time, until every
    /// node answering reports all of them, for at most <see cref="MembershipHealBudget"/> (then logged, never thrown: a
    /// cluster the system under test cannot make whole is the system's finding, not a failure of the run).
    /// A no-op for a target without membership changes.
    /// </summary>
    private async Task HealMembershipAsync(CancellationToken cancellationToken)
    {
        if (!Capabilities.HasFlag(TargetCapabilities.Membership)) return;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var missing = await MissingMembersAsync(cancellationToken).ConfigureAwait(false);
            if (missing.Count == 0) return;
            if (clock.Elapsed > MembershipHealBudget)
            {
                Log.MembershipNotHealed(_logger, MembershipHealBudget.TotalSeconds, string.Join("; ", missing), null);
                return;
            }
            var leader = await LeaderAsync(cancellationToken).ConfigureAwait(false);
            var leaderVoters = leader is null ? null : await MembersAsync(leader, cancellationToken).ConfigureAwait(false);
            var absent = leaderVoters is null ? null : NodeIds.FirstOrDefault(id => !leaderVoters.Contains(id));
            if (leader is not null && absent is not null)
            {
                var result = await ChangeMembershipAsync(leader, add: true, absent, cancellationToken).ConfigureAwait(false);
                Log.MembershipHealStep(_logger, absent, leader, result.ToString(), null);
                if (result.Done) continue;
            }
            // No leader yet, a change still in flight, or a follower still catching up: wait a little and look again.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sentences naming each node that does not report every original member as a voter (empty: all do).</summary>
    private async Task<IReadOnlyList<string>> MissingMembersAsync(CancellationToken cancellationToken)
    {
        if (!Capabilities.HasFlag(TargetCapabilities.Membership)) return [];
        var problems = new List<string>();
        // All at once: a node that does not answer costs the admin timeout once, not once per node.
        var lists = await Task.WhenAll(NodeIds.Select(id => MembersAsync(id, cancellationToken))).ConfigureAwait(false);
        foreach (var (id, voters) in NodeIds.Zip(lists))
        {
            if (voters is null) problems.Add($"{id} does not answer its member list");
            else if (NodeIds.Except(voters).ToList() is { Count: > 0 } missing) problems.Add($"{id}'s voters ({string.Join(",", voters)}) lack {string.Join(",", missing)}");
        }
        return problems;
    }

    private INodeMembership Membership(string nodeId)
    {
        Require(TargetCapabilities.Membership, "membership");
        return _memberships.TryGetValue(nodeId, out var membership) ? membership
            : throw new KeyNotFoundException($"no membership administration for {nodeId} in run {RunId}");
    }
}
