namespace RaftChaos.Simulation.Tests;

public sealed class SimulationOptionsTests
{
    [TestCase(4)]
    [TestCase(1)]
    public void Validate_BadNodeCount_Throws(int nodes) =>
        Assert.Throws<ArgumentException>(() => new SimulationOptions { Nodes = nodes }.Validate());

    [Test]
    public void Validate_UnknownProfile_Throws() =>
        Assert.Throws<ArgumentException>(() => new SimulationOptions { Profile = "nope" }.Validate());
}
