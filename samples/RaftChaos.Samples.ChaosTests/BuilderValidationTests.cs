using RaftChaos.Controller.Cluster;
using RaftChaos.Controller.Nemeses;

namespace RaftChaos.Samples.ChaosTests;

/// <summary>What the builder refuses, before any container starts.</summary>
public sealed class BuilderValidationTests
{
    [Test]
    public void Build_TenNodes_NamesTheSettingAndTheRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RaftClusterBuilder().WithNodes(10).Build());
        Assert.That(ex!.Message, Does.Contain("Nodes").And.Contain("1 to 9"));
    }

    [Test]
    public void Build_UnknownNemesis_ListsTheKnownKinds()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RaftClusterBuilder().WithNemesis(new NemesisOptions { Kinds = ["meteor"] }).Build());
        Assert.That(ex!.Message, Does.Contain("nemesis").And.Contain("partition"));
    }

    [Test]
    public void With_ReturnsANewBuilder_LeavingTheFirstAsItWas()
    {
        var three = new RaftClusterBuilder().WithNodes(3);
        var five = three.WithNodes(5);
        Assert.That((three.Build().Options.Nodes, five.Build().Options.Nodes), Is.EqualTo((3, 5)));
    }
}
