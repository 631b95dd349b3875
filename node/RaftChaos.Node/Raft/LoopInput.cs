using RaftChaos.Node.StateMachine;

namespace RaftChaos.Node.Raft;

/// <summary>
/// One item of the Raft loop's inbox. A flat struct rather than a class hierarchy: it is created for every
/// peer message and tick, and only the fields of its <see cref="Kind"/> are set.
/// </summary>
internal readonly record struct LoopInput(
    LoopInputKind Kind,
    RaftChaos.Raft.Messages.Message? Message = null,
    Command? Command = null,
    string? Key = null,
    bool Linearizable = true,
    TaskCompletionSource<RequestOutcome>? Completion = null,
    TaskCompletionSource<NodeStatus>? StatusCompletion = null,
    RaftChaos.Raft.Membership.MembershipChange? Change = null,
    ulong Peer = 0);
