namespace RaftChaos.Checker.History;

/// <summary>
/// The reason codes a completion's <c>error</c> field carries: why an operation failed or ended in doubt (or, on an
/// ok read, nothing). The one list of them: writers use these, the README's history format section documents them,
/// reports explain them. Readers keep whatever string a file holds (<see cref="HistoryEvent.Error"/>), so a newer
/// writer's code does not make an older reader reject the file; the checker ignores the field altogether.
/// </summary>
/// <param name="Code">The text in the history, e.g. <c>not-leader</c>.</param>
/// <param name="Meaning">One sentence for a legend or a tooltip.</param>
public sealed record ErrorCode(string Code, string Meaning)
{
    /// <summary>A follower refused before proposing anything (fail).</summary>
    public static ErrorCode NotLeader { get; } = new("not-leader", "the node is not the leader and refused before proposing");

    /// <summary>The cas precondition was false (fail).</summary>
    public static ErrorCode CasMismatch { get; } = new("cas-mismatch", "the cas precondition was false: the value was not the expected one");

    /// <summary>The connection could not be opened: the request never left the client (fail).</summary>
    public static ErrorCode Refused { get; } = new("refused", "the connection was refused: the request was never sent");

    /// <summary>The node, suspect after a call without reply, did not answer a status probe: not sent (fail).</summary>
    public static ErrorCode ProbeFailed { get; } = new("probe-failed", "the node did not answer the status probe, so the request was never sent");

    /// <summary>The node says the request certainly did not take effect (fail): never proposed, or overwritten.</summary>
    public static ErrorCode Aborted { get; } = new("aborted", "the node says it certainly did not take effect (never proposed, or its entry lost to another term's)");

    /// <summary>The node rejected the request's arguments before running it (fail).</summary>
    public static ErrorCode InvalidArgument { get; } = new("invalid-argument", "the node rejected the request's arguments");

    /// <summary>The service refused the call before running it: unimplemented, unauthenticated, denied (fail).</summary>
    public static ErrorCode Rejected { get; } = new("rejected", "the service refused the call before running it");

    /// <summary>The server has no such method or resource (gRPC NotFound).</summary>
    public static ErrorCode NotFound { get; } = new("not-found", "the server answered NotFound");

    /// <summary>The call failed after the request may have been sent: leader lost, connection broken (info).</summary>
    public static ErrorCode Unavailable { get; } = new("unavailable", "the node was unavailable after the request may have been sent");

    /// <summary>No answer within the operation's timeout, or the server's deadline passed (info).</summary>
    public static ErrorCode Deadline { get; } = new("deadline", "no answer within the operation's timeout");

    /// <summary>The run was stopped while the call was in flight (info).</summary>
    public static ErrorCode Cancelled { get; } = new("cancelled", "the run was stopped while the call was in flight");

    /// <summary>Any other failure, whose effect is unknown (info).</summary>
    public static ErrorCode Other { get; } = new("other", "another error; the effect is unknown");

    /// <summary>Every code, in the order above (declared last: static properties initialize in order).</summary>
    public static IReadOnlyList<ErrorCode> All { get; } =
        [NotLeader, CasMismatch, Refused, ProbeFailed, Aborted, InvalidArgument, Rejected, NotFound, Unavailable, Deadline, Cancelled, Other];

    /// <summary>The code named <paramref name="code"/>, or null for a string this version does not know.</summary>
    public static ErrorCode? Find(string? code) => All.FirstOrDefault(known => known.Code == code);

    /// <inheritdoc />
    public override string ToString() => Code;
}
