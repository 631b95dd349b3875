namespace RaftChaos.Cli.Tests;

public class KvCommandTests
{
    [Test]
    public async Task Get_NoNodeListening_FailsWithAClearMessage()
    {
        // Port 9 on loopback: nothing listens there, so the connection is refused at once.
        var run = await CliRun.InvokeAsync("kv", "get", "k", "--node", "127.0.0.1:9");
        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Error, Does.Contain("127.0.0.1:9"), run.ToString());
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
    }
}
