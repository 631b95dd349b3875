using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Quorum;

namespace RaftChaos.Raft.Tracker;

/// <summary>
/// The current membership with, for the leader, each voter's <see cref="Progress"/>, and, for a candidate,
/// the votes received. Invariant: Progress has exactly one entry per voter of <see cref="Config"/>.
/// </summary>
internal sealed class ProgressTracker
{
    private readonly int _maxInflight;
    private readonly long _maxInflightBytes;
    private readonly Dictionary<ulong, Progress> _progress = [];
    private readonly Dictionary<ulong, bool> _votes = [];

    public ProgressTracker(int maxInflight, long maxInflightBytes)
    {
        _maxInflight = maxInflight;
        _maxInflightBytes = maxInflightBytes;
        Config = new MajorityConfig([]);
        ConfState = ConfState.Empty;
    }

    public MajorityConfig Config { get; private set; }

    public ConfState ConfState { get; private set; }

    public IReadOnlyDictionary<ulong, Progress> Progress => _progress;

    /// <summary>Switches to <paramref name="conf"/>: voters that stay keep their progress, new ones start probing at <paramref name="nextIndex"/>.</summary>
    public void SetConfig(ConfState conf, ulong nextIndex)
    {
        ConfState = conf;
        Config = new MajorityConfig(conf.Voters);
        foreach (var id in _progress.Keys.Where(id => !conf.Contains(id)).ToList())
        {
            _progress.Remove(id);
        }

        foreach (var id in conf.Voters)
        {
            if (_progress.ContainsKey(id))
            {
                continue;
            }
            // A new voter counts as active so that adding it does not make the leader step down at once.
            _progress[id] = new Progress(nextIndex, _maxInflight, _maxInflightBytes) { RecentActive = true };
        }
    }

    /// <summary>Fresh progress for every voter: a new leader knows nothing about its followers yet, not even whether they are alive.</summary>
    public void ResetProgress(ulong nextIndex)
    {
        _progress.Clear();
        SetConfig(ConfState, nextIndex);
        foreach (var pr in _progress.Values)
        {
            pr.RecentActive = false;
        }
    }

    /// <summary>The highest index replicated on a majority (by Match).</summary>
    public ulong Committed() => Config.CommittedIndex(id => _progress.TryGetValue(id, out var pr) ? pr.Match : 0);

    /// <summary>The highest heartbeat round acknowledged by a majority.</summary>
    public ulong QuorumAckedRound() => Config.CommittedIndex(id => _progress.TryGetValue(id, out var pr) ? pr.AckedRound : 0);

    /// <summary>True when a majority was heard from since the last reset of RecentActive.</summary>
    public bool QuorumActive(ulong self) =>
        Config.HasQuorum(id => id == self || (_progress.TryGetValue(id, out var pr) && pr.RecentActive));

    /// <summary>Clears RecentActive for everyone but <paramref name="self"/> (start of a CheckQuorum period).</summary>
    public void ResetRecentActive(ulong self)
    {
        foreach (var (id, pr) in _progress)
        {
            pr.RecentActive = id == self;
        }
    }

    public void ResetVotes() => _votes.Clear();

    /// <summary>Records the first answer of <paramref name="id"/> (later duplicates do not change it).</summary>
    public void RecordVote(ulong id, bool granted) => _votes.TryAdd(id, granted);

    public VoteResult TallyVotes() => Config.Tally(_votes);

    public (int Granted, int Rejected) VoteCounts() => (_votes.Count(v => v.Value), _votes.Count(v => !v.Value));
}
