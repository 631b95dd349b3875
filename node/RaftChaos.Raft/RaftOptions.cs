namespace RaftChaos.Raft;

/// <summary>Configuration of one <see cref="RaftNode"/>. Validated once, by the constructor.</summary>
public sealed class RaftOptions
{
    /// <summary>This node's id; required, never 0.</summary>
    public ulong Id { get; init; }

    /// <summary>
    /// The founding members, identical on every founding node, used only when the node starts with no durable
    /// state: the core then writes one membership entry per voter at term 1 (committed), so every founder
    /// starts with the same log. A node added later must start with none and learns the cluster from the leader.
    /// </summary>
    public IReadOnlyList<ulong> InitialVoters { get; init; } = [];

    /// <summary>Election timeout base, in ticks. A follower waits a random [ElectionTick, 2*ElectionTick) ticks without a leader before campaigning. Default 10.</summary>
    public int ElectionTick { get; init; } = 10;

    /// <summary>Ticks between a leader's heartbeats; must be less than ElectionTick. Default 1.</summary>
    public int HeartbeatTick { get; init; } = 1;

    /// <summary>Run a pre-vote round before bumping the term, so a node that was partitioned does not disrupt the cluster when it returns. Default true.</summary>
    public bool PreVote { get; init; } = true;

    /// <summary>A leader that heard from no quorum during an election timeout steps down; followers that heard from a leader within the timeout ignore vote requests. Default true.</summary>
    public bool CheckQuorum { get; init; } = true;

    /// <summary>Most append messages in flight to one follower in replicate state. Default 256.</summary>
    public int MaxInflightMessages { get; init; } = 256;

    /// <summary>Most payload bytes in flight to one follower (0 = no limit). Default 0.</summary>
    public long MaxInflightBytes { get; init; }

    /// <summary>Most payload bytes in one append message (at least one entry is always sent). Default 1 MiB.</summary>
    public long MaxSizePerMessage { get; init; } = 1 << 20;

    /// <summary>
    /// When a new commit index needs no message of its own (raft-rs's <c>skip_bcast_commit</c>). By default (false) the
    /// leader sends every follower an append, empty if need be, as soon as its commit index moves, and each follower
    /// answers it. When true it does so only for the first commit of its term (a new leader's no-op: followers learn
    /// at once that the term's log is settled, and entries committed from earlier terms reach them without delay);
    /// later commit indexes ride on the next append or heartbeat. That halves the messages of a lone write, at the
    /// price of followers applying up to a heartbeat interval later. Reads are unaffected: a follower's ReadIndex
    /// comes back on a heartbeat round, which carries the commit index.
    /// </summary>
    public bool LazyCommitBroadcast { get; init; }

    /// <summary>Most payload bytes of committed entries handed out in one Ready (at least one entry). Default 64 MiB.</summary>
    public long MaxCommittedSizePerReady { get; init; } = 64 << 20;

    /// <summary>
    /// The source of randomness (election timeouts). Pass a seeded instance, one per node: the core keeps no
    /// shared or static random. When null, the node uses <c>new Random((int)Id)</c>.
    /// </summary>
    public Random? Random { get; init; }

    /// <summary>Deliberate bugs to switch on (testing the test bed). Default none.</summary>
    public UnsafeBug UnsafeBugs { get; init; } = UnsafeBug.None;

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        if (Id == 0)
        {
            throw new ArgumentException("Id must not be 0");
        }

        if (HeartbeatTick <= 0)
        {
            throw new ArgumentException("HeartbeatTick must be positive");
        }

        if (ElectionTick <= HeartbeatTick)
        {
            throw new ArgumentException("ElectionTick must be greater than HeartbeatTick");
        }

        if (MaxInflightMessages <= 0)
        {
            throw new ArgumentException("MaxInflightMessages must be positive");
        }

        if (MaxInflightBytes < 0)
        {
            throw new ArgumentException("MaxInflightBytes must not be negative");
        }

        if (MaxSizePerMessage <= 0)
        {
            throw new ArgumentException("MaxSizePerMessage must be positive");
        }

        if (MaxCommittedSizePerReady <= 0)
        {
            throw new ArgumentException("MaxCommittedSizePerReady must be positive");
        }

        if (InitialVoters.Contains(0UL))
        {
            throw new ArgumentException("InitialVoters must not contain 0");
        }
    }
}
