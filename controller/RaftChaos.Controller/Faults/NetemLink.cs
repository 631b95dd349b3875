namespace RaftChaos.Controller.Faults;

/// <summary>One direction of one link made slow or lossy: packets from <paramref name="From"/> to <paramref name="To"/> (applied on egress in <paramref name="From"/>'s namespace).</summary>
/// <param name="From">The sending node.</param>
/// <param name="To">The receiving node.</param>
/// <param name="Spec">What happens to the packets.</param>
public sealed record NetemLink(string From, string To, NetemSpec Spec)
{
    /// <summary>The link as the history names it: <c>n1->n2</c>.</summary>
    public string Name => $"{From}->{To}";
}
