using System.Collections.Immutable;

namespace RaftChaos.Raft.Quorum;

/// <summary>
/// A set of voters decided by simple majority. Every quorum decision of the protocol (commit index, elections,
/// leader liveness, read confirmation) is a question "what does a majority agree on?" asked here.
/// </summary>
internal sealed class MajorityConfig
{
    private readonly ImmutableArray<ulong> _voters;

    public MajorityConfig(ImmutableArray<ulong> voters) => _voters = voters;

    /// <summary>Voter ids, ascending.</summary>
    public ImmutableArray<ulong> Voters => _voters;

    /// <summary>Size of a majority.</summary>
    public int Quorum => _voters.Length / 2 + 1;

    public bool Contains(ulong id) => _voters.BinarySearch(id) >= 0;

    /// <summary>
    /// The largest value that a majority of voters has reached, given each voter's value (e.g. its Match index):
    /// sort descending and take the Quorum-th. 0 for an empty configuration (nothing can be decided).
    /// </summary>
    public ulong CommittedIndex(Func<ulong, ulong> acked)
    {
        var n = _voters.Length;
        if (n == 0)
        {
            return 0;
        }

        Span<ulong> values = n <= 16 ? stackalloc ulong[n] : new ulong[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = acked(_voters[i]);
        }

        values.Sort();
        // Ascending: the Quorum-th largest sits at n - Quorum.
        return values[n - Quorum];
    }

    /// <summary>Won when a majority granted, Lost when a majority can no longer grant, else Pending. Votes from non-voters are ignored.</summary>
    public VoteResult Tally(IReadOnlyDictionary<ulong, bool> votes)
    {
        int granted = 0, rejected = 0;
        foreach (var id in _voters)
        {
            if (!votes.TryGetValue(id, out var v))
            {
                continue;
            }

            if (v)
            {
                granted++;
            }
            else
            {
                rejected++;
            }
        }
        if (granted >= Quorum)
        {
            return VoteResult.Won;
        }

        if (_voters.Length - rejected < Quorum)
        {
            return VoteResult.Lost;
        }

        return VoteResult.Pending;
    }

    /// <summary>True when the voters for which <paramref name="active"/> holds form a majority.</summary>
    public bool HasQuorum(Func<ulong, bool> active)
    {
        var count = 0;
        foreach (var id in _voters)
        {
            if (active(id))
            {
                count++;
            }
        }

        return _voters.Length > 0 && count >= Quorum;
    }
}
