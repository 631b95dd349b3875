using RaftChaos.Report.Building;

namespace RaftChaos.Report.Tests.Building;

public sealed class FaultLabelTests
{
    [TestCase("partition", """{"n1":["n2","n3"]}""", "partition {n1} | {n2,n3}")]
    [TestCase("partition", """{"n1":["n2","n3"],"n2":["n1"],"n3":["n1"]}""", "partition {n1} | {n2,n3}")]
    [TestCase("partition", """{"n1":["n4","n5"],"n2":["n4","n5"],"n3":["n4","n5"],"n4":["n1","n2","n3"],"n5":["n1","n2","n3"]}""", "partition {n4,n5} | {n1,n2,n3}")]
    [TestCase("partition", """{"n1":["n3"],"n2":[],"n3":["n1"]}""", "partition {n1,n2,n3}")]
    [TestCase("partition", """{"n1":["n2","n3"],"n2":["n1","n3"],"n3":["n1","n2"]}""", "partition {n1} | {n2} | {n3}")]
    [TestCase("pause", """["n1"]""", "pause n1")]
    [TestCase("kill", """["n2","n3"]""", "kill n2,n3")]
    [TestCase("bump-clock", """{"n3":250}""", "bump-clock n3=250")]
    [TestCase("kill", "\"n2\"", "kill n2")]
    [TestCase("kill", null, "kill")]
    [TestCase("kill", "[]", "kill")]
    public void Of_Value_NamesKindAndTarget(string kind, string? value, string expected)
    {
        Assert.That(FaultLabel.Of(kind, value), Is.EqualTo(expected));
    }
}
