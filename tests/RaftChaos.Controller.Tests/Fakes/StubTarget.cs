using RaftChaos.Controller.Checks;
using RaftChaos.Controller.Targets;
using RaftChaos.Workloads.Clients;

namespace RaftChaos.Controller.Tests.Fakes;

/// <summary>A target that only has a name and capabilities: for validation, which must refuse before any I/O.</summary>
public sealed class StubTarget(string name, TargetCapabilities capabilities) : ISystemUnderTest
{
    public string Name => name;
    public TargetCapabilities Capabilities => capabilities;
    public int ClientPort => 2379;
    public IReadOnlyList<INodeLogCheck> NodeLogChecks => [];
    public Task<string> EnsureImageAsync(Action<string> progress, CancellationToken cancellationToken) => throw new NotSupportedException("no I/O in validation");
    public NodeContainerSpec NodeContainer(NodeSlot node, ClusterLayout cluster) => throw new NotSupportedException("no I/O in validation");
    public IKvEndpoint CreateClient(NodeSlot node, Uri clientAddress) => throw new NotSupportedException("no I/O in validation");
    public INodeStatusProbe CreateStatusProbe(NodeSlot node, Uri clientAddress) => throw new NotSupportedException("no I/O in validation");
}
