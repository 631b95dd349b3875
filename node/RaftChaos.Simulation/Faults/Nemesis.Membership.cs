using RaftChaos.Raft.Membership;

namespace RaftChaos.Simulation.Faults;

/// <summary>
/// The membership fault: the leader removes one follower from the voters (a single-server change); after the hold the
/// node is added back, retried until some leader accepts it. The removed node keeps running meanwhile. Half the time
/// (<see cref="FaultProfile.WipeRemovedProbability"/>) its store is wiped first, so it rejoins as an empty new member
/// and catches up by snapshot. Only one change is in flight at a time: the process stream waits for the add-back.
/// </summary>
public sealed partial class Nemesis
{
    private const long MembershipRetry = 300_000_000;
    private const int WipeAttempts = 20;

    /// <summary>Voters removed by an accepted proposal.</summary>
    public int VotersRemoved { get; private set; }

    /// <summary>Accepted proposals to add a removed node back.</summary>
    public int VotersAdded { get; private set; }

    /// <summary>Removed nodes whose store was wiped before they were added back.</summary>
    public int Wipes { get; private set; }

    private void RemoveVoter()
    {
        var leaderId = Leader();
        var leader = leaderId == 0 ? null : _nodes[(int)leaderId - 1];
        var voters = leader?.ConfState?.Voters ?? [];
        var candidates = Shuffled().Where(id => id != leaderId && voters.Contains(id)).ToList();
        if (leader is null || candidates.Count == 0 || leader.ProposeMembershipChange(new MembershipChange(MembershipChangeType.RemoveVoter, candidates[0])) is not { Accepted: true })
        {
            ScheduleProcessFault();
            return;
        }
        var target = candidates[0];
        _recorder.Nemesis("remove-voter", NodeList([target]));
        VotersRemoved++;
        var wipe = _random.NextDouble() < _profile.WipeRemovedProbability;
        _queue.After(Between(_profile.HoldMin, _profile.HoldMax), () => AddVoterBack(target, wipe, 0));
    }

    // Runs on after the main phase too: adding the node back heals the cluster.
    private void AddVoterBack(ulong target, bool wipe, int attempt)
    {
        var leaderId = Leader();
        var leader = leaderId == 0 ? null : _nodes[(int)leaderId - 1];
        if (leader?.ConfState is { } conf && conf.Contains(target))
        {
            if (!_stopped) ScheduleProcessFault();
            return;
        }
        // A wiped node has forgotten its votes, so it is wiped only once every other node is up and has applied its removal:
        // then no node can still count it as a voter and ask it for a vote in a term it already voted in. (The removed node
        // itself may never learn that its removal committed: the leader stops replicating to it.)
        if (wipe && _nodes.All(n => n.Id == target || n.ConfState is { } c && !c.Contains(target)))
        {
            _nodes[(int)target - 1].Wipe();
            _nodes[(int)target - 1].Start();
            _recorder.Nemesis("wipe", NodeList([target]));
            Wipes++;
            wipe = false;
        }
        // A wipe waits (a few retries) for that moment before the node is added back; past that it is added back as it is.
        if (wipe && attempt < WipeAttempts)
        {
            _queue.After(MembershipRetry, () => AddVoterBack(target, wipe, attempt + 1));
            return;
        }
        if (leader is not null && leader.ProposeMembershipChange(new MembershipChange(MembershipChangeType.AddVoter, target)) is { Accepted: true })
        {
            _recorder.Nemesis("add-voter", NodeList([target]));
            VotersAdded++;
        }
        _queue.After(MembershipRetry, () => AddVoterBack(target, wipe, attempt + 1));
    }
}
