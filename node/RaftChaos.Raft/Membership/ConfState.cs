using System.Collections.Immutable;

namespace RaftChaos.Raft.Membership;

/// <summary>
/// A cluster membership: the set of voters. Immutable; <see cref="Apply"/> returns a new one.
/// Invariant: Voters is sorted and holds no duplicates, so iteration order (and thus every message order) is deterministic.
/// </summary>
public sealed class ConfState : IEquatable<ConfState>
{
    /// <summary>The empty membership (a node that has not yet learnt its cluster).</summary>
    public static ConfState Empty { get; } = new([]);

    /// <summary>The voter ids, ascending.</summary>
    public ImmutableArray<ulong> Voters { get; }

    /// <summary>Creates a membership from voter ids in any order.</summary>
    public ConfState(IEnumerable<ulong> voters)
    {
        Voters = [.. voters.Distinct().Order()];
        if (Voters.Contains(0UL))
        {
            throw new ArgumentException("0 is not a valid node id", nameof(voters));
        }
    }

    /// <summary>True when <paramref name="id"/> is a voter.</summary>
    public bool Contains(ulong id) => Voters.BinarySearch(id) >= 0;

    /// <summary>True when <paramref name="change"/> makes sense here: adds a non-member, or removes a member that is not the last.</summary>
    public bool CanApply(MembershipChange change) => change.Type switch
    {
        MembershipChangeType.AddVoter => change.NodeId != 0 && !Contains(change.NodeId),
        MembershipChangeType.RemoveVoter => Contains(change.NodeId) && Voters.Length > 1,
        _ => false,
    };

    /// <summary>The membership after <paramref name="change"/>; an inapplicable change (see <see cref="CanApply"/>) leaves it unchanged.</summary>
    public ConfState Apply(MembershipChange change)
    {
        if (!CanApply(change))
        {
            return this;
        }

        return change.Type == MembershipChangeType.AddVoter
            ? new ConfState(Voters.Add(change.NodeId))
            : new ConfState(Voters.Remove(change.NodeId));
    }

    /// <inheritdoc />
    public bool Equals(ConfState? other) => other is not null && Voters.SequenceEqual(other.Voters);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ConfState);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var v in Voters)
        {
            h.Add(v);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "(" + string.Join(' ', Voters) + ")";
}
