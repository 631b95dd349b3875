namespace RaftChaos.Controller.Targets;

/// <summary>
/// The membership administration of one node (for <see cref="TargetCapabilities.Membership"/>): the voters it has in force,
/// and single-server changes proposed through it. Held by the cluster for its life; disposed with it.
/// </summary>
public interface INodeMembership : IDisposable
{
    /// <summary>The voters in force on this node, sorted, or null when it does not answer within <paramref name="timeout"/>.</summary>
    Task<IReadOnlyList<string>?> MembersAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Asks this node to add (<paramref name="add"/>) or remove <paramref name="member"/>; answered once the change is applied, or refused.</summary>
    Task<MembershipChangeResult> ChangeAsync(bool add, string member, TimeSpan timeout, CancellationToken cancellationToken);
}
