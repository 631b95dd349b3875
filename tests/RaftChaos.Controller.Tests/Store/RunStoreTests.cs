using RaftChaos.Controller.Store;

namespace RaftChaos.Controller.Tests.Store;

public sealed class RunStoreTests
{
    private string _root = "";

    [SetUp]
    public void Create() => _root = Directory.CreateTempSubdirectory("raftchaos-store-test-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    [Test]
    public void CreateRunDirectory_TwiceInOneSecond_SecondGetsASuffix()
    {
        var at = new DateTimeOffset(2026, 11, 26, 4, 5, 6, TimeSpan.Zero);
        var first = RunStore.CreateRunDirectory(_root, "register-all", at);
        var second = RunStore.CreateRunDirectory(_root, "register-all", at);
        Assert.That(first, Is.EqualTo(Path.Combine(_root, "register-all", "20261126T040506")));
        Assert.That(second, Is.EqualTo(first + "-2"));
    }

    [Test]
    public void UpdateLatest_Twice_PointsAtTheNewestRelatively()
    {
        var a = RunStore.CreateRunDirectory(_root, "t", DateTimeOffset.UnixEpoch);
        var b = RunStore.CreateRunDirectory(_root, "t", DateTimeOffset.UnixEpoch.AddSeconds(1));
        File.WriteAllText(Path.Combine(b, "marker"), "b");
        RunStore.UpdateLatest(_root, a);
        RunStore.UpdateLatest(_root, b);
        var link = new FileInfo(Path.Combine(_root, RunStore.LatestLink));
        Assert.That(link.LinkTarget, Is.EqualTo(Path.Combine("t", "19700101T000001")));
        Assert.That(File.ReadAllText(Path.Combine(_root, "latest", "marker")), Is.EqualTo("b"));
    }

    [TestCase("latest")]
    [TestCase("..")]
    [TestCase("a/b")]
    [TestCase("")]
    public void ValidateName_Unusable_Throws(string name)
        => Assert.Throws<ArgumentException>(() => RunStore.ValidateName(name));
}
