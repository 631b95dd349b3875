namespace RaftChaos.Node.Raft;

/// <summary>
/// A linearizable read handed to the core's ReadIndex and not yet confirmed. <see cref="IssuedAt"/> bounds its
/// life (a forwarded ReadIndex may never come back); <see cref="SentAt"/> says when a follower last (re)sent it.
/// Both count the loop's ticks.
/// </summary>
internal readonly record struct IssuedRead(string Key, TaskCompletionSource<RequestOutcome> Completion, long IssuedAt, long SentAt);
