using RaftChaos.Node.Client;

namespace RaftChaos.Node.Hosting;

/// <summary>One member of the cluster as given by <c>--peers</c>: its id and where its gRPC port is.</summary>
internal sealed record PeerSpec(string Id, NodeAddress Address);
