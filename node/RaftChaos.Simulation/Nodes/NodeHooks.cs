using RaftChaos.Simulation.Clients;

namespace RaftChaos.Simulation.Nodes;

/// <summary>Where a <see cref="SimNode"/> reports what others react to.</summary>
/// <param name="Reply">An answer for a client.</param>
/// <param name="VoteGranted">The node durably granted a vote (the crash-after-vote fault hooks here).</param>
/// <param name="BecameLeader">The node became leader (the isolate-new-leader fault hooks here).</param>
/// <param name="Crashed">The node crashed: its peers' connections from it close (the cluster tells those it can reach).</param>
public sealed record NodeHooks(Action<ClientReply> Reply, Action<ulong> VoteGranted, Action<ulong> BecameLeader, Action<ulong>? Crashed = null);
