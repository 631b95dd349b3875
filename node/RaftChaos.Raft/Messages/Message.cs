using System.Text;

namespace RaftChaos.Raft.Messages;

/// <summary>
/// A message between two nodes. Fields unused by a <see cref="MessageType"/> stay zero/empty.
/// The transport must deliver it to node <see cref="To"/> and pass it to <see cref="RaftNode.Step"/>;
/// it may drop, delay, duplicate or reorder messages: the protocol tolerates all of that.
/// </summary>
public sealed record Message
{
    /// <summary>What this message is.</summary>
    public required MessageType Type { get; init; }

    /// <summary>Sender id.</summary>
    public ulong From { get; init; }

    /// <summary>Receiver id.</summary>
    public ulong To { get; init; }

    /// <summary>The sender's term (for pre-votes: the term the pre-candidate would campaign in).</summary>
    public ulong Term { get; init; }

    /// <summary>Append: term of the entry at Index. Vote: term of the candidate's last entry. Rejected append response: term of the hinted entry.</summary>
    public ulong LogTerm { get; init; }

    /// <summary>Append: index preceding Entries. Append response: follower's last index (or the rejected Index). Vote: candidate's last index. ReadIndex response: the read index.</summary>
    public ulong Index { get; init; }

    /// <summary>Append: entries to append after Index.</summary>
    public IReadOnlyList<Entry> Entries { get; init; } = [];

    /// <summary>Append and heartbeat: the leader's commit index (heartbeats: capped at the follower's match).</summary>
    public ulong Commit { get; init; }

    /// <summary>Snapshot message: the snapshot to install.</summary>
    public Snapshot? Snapshot { get; init; }

    /// <summary>Responses: true when the request was refused (vote not granted, append did not match).</summary>
    public bool Reject { get; init; }

    /// <summary>Rejected append: the follower's guess of the last index that may match (with LogTerm), for fast back-off.</summary>
    public ulong RejectHint { get; init; }

    /// <summary>Heartbeats and their responses: the leader's heartbeat round. ReadIndex and its response: the caller's context.</summary>
    public ulong Context { get; init; }

    /// <summary>Vote requests: true when the election was started by a leadership transfer (TimeoutNow), so voters ignore their lease.</summary>
    public bool Transfer { get; init; }

    /// <summary>TransferLeadership message: the node that should become leader.</summary>
    public ulong Transferee { get; init; }

    /// <summary>A compact one-line form used in traces and golden files.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(From).Append("->").Append(To).Append(' ').Append(Type).Append(" term=").Append(Term);
        switch (Type)
        {
            case MessageType.Append:
                sb.Append(" prev=").Append(LogTerm).Append('/').Append(Index).Append(" commit=").Append(Commit);
                if (Entries.Count > 0)
                {
                    sb.Append(" entries=[").Append(string.Join(' ', Entries)).Append(']');
                }

                break;
            case MessageType.AppendResponse:
                sb.Append(" index=").Append(Index);
                if (Reject)
                {
                    sb.Append(" reject hint=").Append(LogTerm).Append('/').Append(RejectHint);
                }

                break;
            case MessageType.Vote or MessageType.PreVote:
                sb.Append(" last=").Append(LogTerm).Append('/').Append(Index);
                if (Transfer)
                {
                    sb.Append(" transfer");
                }

                break;
            case MessageType.VoteResponse or MessageType.PreVoteResponse:
                if (Reject)
                {
                    sb.Append(" reject");
                }

                break;
            case MessageType.Snapshot:
                sb.Append(' ').Append(Snapshot);
                break;
            case MessageType.Heartbeat:
                sb.Append(" commit=").Append(Commit).Append(" round=").Append(Context);
                break;
            case MessageType.HeartbeatResponse:
                sb.Append(" round=").Append(Context);
                break;
            case MessageType.ReadIndex:
                sb.Append(" ctx=").Append(Context);
                break;
            case MessageType.ReadIndexResponse:
                sb.Append(" ctx=").Append(Context).Append(" index=").Append(Index);
                break;
            case MessageType.TransferLeadership:
                sb.Append(" to=").Append(Transferee);
                break;
        }
        return sb.ToString();
    }
}
