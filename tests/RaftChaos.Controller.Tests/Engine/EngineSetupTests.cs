using RaftChaos.Controller.Engine;
using RaftChaos.TestSupport;

namespace RaftChaos.Controller.Tests.Engine;

public sealed class EngineSetupTests
{
    [TestCase(false, true, null, true, "only automated on Debian Linux")]
    [TestCase(true, false, null, true, "no apt-get")]
    [TestCase(true, true, "tcp://10.0.0.2:2376", true, "DOCKER_HOST=tcp://10.0.0.2:2376 names another engine")]
    [TestCase(true, true, null, false, "it needs root")]
    public void WhyNot_AHostWeMustNotTouch_SaysWhy(bool linux, bool apt, string? dockerHost, bool root, string expected)
        => Assert.That(EngineSetup.WhyNot(linux, apt, dockerHost, root), Does.Contain(expected));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("unix:///var/run/docker.sock")]
    public void WhyNot_RootOnDebianWithTheLocalEngine_MaySetUp(string? dockerHost)
        => Assert.That(EngineSetup.WhyNot(linux: true, apt: true, dockerHost, root: true), Is.Null);

    [Test]
    public void Script_IsTheCheckoutsEngineScript_IncludingDockerCompose()
    {
        var script = EngineSetup.Script();

        Assert.That(script, Is.EqualTo(File.ReadAllText(Path.Combine(SharedHistories.FindRepositoryRoot()!.FullName, "compose", "engine.sh"))));
        Assert.That(script, Does.Contain("missing+=(docker-compose)"));
    }
}
