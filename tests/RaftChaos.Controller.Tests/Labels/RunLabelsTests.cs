using RaftChaos.Controller.Labels;

namespace RaftChaos.Controller.Tests.Labels;

public sealed class RunLabelsTests
{
    [Test]
    public void For_CarriesRunAndNode()
        => Assert.That(RunLabels.For("abc", "n1"), Is.EquivalentTo(new Dictionary<string, string> { ["raftchaos.run"] = "abc", ["raftchaos.node"] = "n1" }));

    [Test]
    public void NewRunId_IsValidAndFresh()
    {
        var a = RunLabels.NewRunId();
        Assert.DoesNotThrow(() => RunLabels.ValidateRunId(a));
        Assert.That(RunLabels.NewRunId(), Is.Not.EqualTo(a));
    }

    [TestCase(""), TestCase("UPPER"), TestCase("has space"), TestCase("a=b")]
    public void ValidateRunId_Rejects(string runId)
        => Assert.Catch<ArgumentException>(() => RunLabels.ValidateRunId(runId));

    [Test]
    public void Filter_OneRunOrAll()
    {
        Assert.That(RunLabels.Filter("abc")["label"].Keys, Is.EqualTo(new[] { "raftchaos.run=abc" }));
        Assert.That(RunLabels.Filter(null)["label"].Keys, Is.EqualTo(new[] { "raftchaos.run" }));
    }
}
