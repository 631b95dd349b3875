using RaftChaos.Controller.Nemeses;

namespace RaftChaos.Controller.Tests.Nemeses;

public sealed class NemesisOptionsTests
{
    [TestCase("none", new string[0])]
    [TestCase("", new string[0])]
    [TestCase("all", new[] { "partition", "kill", "pause", "clock", "slow-leader", "swap-leader", "netem", "clock-rate", "disk", "membership" })]
    [TestCase("clock,partition", new[] { "partition", "clock" })]
    [TestCase(" kill , pause ", new[] { "kill", "pause" })]
    public void ParseKinds_KnownNames_GivesKindsInCanonicalOrder(string text, string[] expected)
    {
        Assert.That(NemesisOptions.ParseKinds(text, out var error), Is.EqualTo(expected));
        Assert.That(error, Is.Null);
    }

    [Test]
    public void ParseKinds_UnknownName_NamesItInTheError()
    {
        Assert.That(NemesisOptions.ParseKinds("partition,flood", out var error), Is.Null);
        Assert.That(error, Does.Contain("flood"));
    }

    [Test]
    public void Validate_IntervalUnderOneSecond_IsAnError()
        => Assert.That(new NemesisOptions { Interval = TimeSpan.FromMilliseconds(500) }.Validate(), Has.Some.Contains("--nemesis-interval"));

    [Test]
    public void CreateNemeses_OneObjectPerKind()
        => Assert.That(new NemesisOptions { Kinds = NemesisOptions.KindNames }.CreateNemeses().Select(n => n.Kind), Is.EqualTo(NemesisOptions.KindNames));
}
