using RaftChaos.Raft.Membership;

namespace RaftChaos.Simulation.Faults;

/// <summary>
/// The membership fault: the leader removes one follower from the voters (a single-server change); after the hold the
/// node is added back, retried until some leader accepts it. The removed node keeps running meanwhile. Half the time
/// (<see cref="FaultProfile.WipeRemovedProbability"/>) its store is wiped first, so it rejoins as an empty new member
/// and catches up by snapshot. With <see cref="FaultProfile.SecondRemovalProbability"/> a second follower's removal is
/// asked at once (refused by a correct leader). The process stream waits for every add-back.
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
        List<ulong> removed = [candidates[0]];
        _recorder.Nemesis("remove-voter", NodeList([candidates[0]]));
        VotersRemoved++;
        // A second removal asked at once: a correct leader refuses it while the first is in flight.
        if (_profile.SecondRemovalProbability > 0 && candidates.Count > 1 && _random.NextDouble() < _profile.SecondRemovalProbability
            && leader.ProposeMembershipChange(new MembershipChange(MembershipChangeType.RemoveVoter, candidates[1])) is { Accepted: true })
        {
            removed.Add(candidates[1]);
            _recorder.Nemesis("remove-voter", NodeList([candidates[1]]));
            VotersRemoved++;
        }
        var wipe = _random.NextDouble() < _profile.WipeRemovedProbability;
        _queue.After(Between(_profile.HoldMin, _profile.HoldMax), () => AddVotersBack(removed, wipe));
    }

    /// <summary>Adds the removed nodes back one after the other; the process stream resumes after the last.</summary>
    private void AddVotersBack(IReadOnlyList<ulong> targets, bool wipe) =>
        AddVoterBack(targets[0], wipe, 0, targets.Count > 1 ? () => AddVotersBack([.. targets.Skip(1)], wipe) : null);

    // Runs on after the main phase too: adding the node back heals the cluster.
    private void AddVoterBack(ulong target, bool wipe, int attempt, Action? next)
    {
        var leaderId = Leader();
        var leader = leaderId == 0 ? null : _nodes[(int)leaderId - 1];
        if (leader?.ConfState is { } conf && conf.Contains(target))
        {
            if (next is not null)
            {
                next();
            }
            else if (!_stopped)
            {
                ScheduleProcessFault();
            }

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
            _queue.After(MembershipRetry, () => AddVoterBack(target, wipe, attempt + 1, next));
            return;
        }
        if (leader is not null && leader.ProposeMembershipChange(new MembershipChange(MembershipChangeType.AddVoter, target)) is { Accepted: true })
        {
            _recorder.Nemesis("add-voter", NodeList([target]));
            VotersAdded++;
        }
        _queue.After(MembershipRetry, () => AddVoterBack(target, wipe, attempt + 1, next));
    }
}
