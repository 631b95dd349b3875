using RaftChaos.Node.Client;
using RaftChaos.Node.Hosting;

namespace RaftChaos.Node.Tests.Hosting;

public class NodeOptionsParserTests
{
    private static NodeOptionsParseResult Parse(string[] args, Dictionary<string, string>? env = null) =>
        NodeOptionsParser.Parse(args, name => env is not null && env.TryGetValue(name, out var v) ? v : null);

    [Test]
    public void Parse_NoArguments_GivesSingleNodeDefaults()
    {
        var options = Parse([]).Options!;
        Assert.Multiple(() =>
        {
            Assert.That(options.Id, Is.EqualTo("n1"));
            Assert.That(options.Peers, Is.Empty);
            Assert.That(options.Listen.ToString(), Is.EqualTo("0.0.0.0:5000"));
            Assert.That(options.MaxValueBytes, Is.EqualTo(1024 * 1024));
            Assert.That(options.Unsafe, Is.Empty);
        });
    }

    [Test]
    public void Parse_Peers_DropsSelfAndAdvertisesOwnEntry()
    {
        var options = Parse(["--id", "n2", "--peers", "n1=a:5000,n2=b:5000,n3=c:5000"]).Options!;
        Assert.That(options.Peers.Select(p => p.Id), Is.EqualTo(new[] { "n1", "n3" }));
        Assert.That(options.Advertise.ToString(), Is.EqualTo("b:5000"));
    }

    [Test]
    public void Parse_FlagWinsOverEnvironment()
    {
        var env = new Dictionary<string, string> { ["RAFTCHAOS_TICK_MS"] = "50", ["RAFTCHAOS_DATA_DIR"] = "/env" };
        var options = Parse(["--tick-ms=30"], env).Options!;
        Assert.That(options.TickMs, Is.EqualTo(30));
        Assert.That(options.DataDir, Is.EqualTo("/env"));
    }

    [Test]
    public void Parse_UnsafeSwitches_AcceptsRepeatsAndCommas()
    {
        var options = Parse(["--unsafe", "stale-reads,forget-vote", "--unsafe", "unsafe-lease-reads"]).Options!;
        Assert.That(options.Unsafe, Is.EquivalentTo(new[] { "stale-reads", "forget-vote", "lease-reads" }));
    }

    [TestCase(new[] { "--unsafe", "bogus" }, "unknown switch 'bogus'")]
    [TestCase(new[] { "--peers", "n2" }, "must be ID=HOST:PORT")]
    [TestCase(new[] { "--peers", "n2=a:1,n2=b:2" }, "appears twice")]
    [TestCase(new[] { "--listen", "nowhere" }, "host:port")]
    [TestCase(new[] { "--tick-ms", "0" }, "--tick-ms must be a whole number")]
    [TestCase(new[] { "--heartbeat-ticks", "10", "--election-ticks", "10" }, "must be smaller")]
    [TestCase(new[] { "--frobnicate", "1" }, "unknown flag '--frobnicate'")]
    [TestCase(new[] { "--id" }, "needs a value")]
    public void Parse_BadInput_NamesTheProblem(string[] args, string expected)
    {
        var result = Parse(args);
        Assert.That(result.Options, Is.Null);
        Assert.That(result.Error, Does.Contain(expected));
    }

    [Test]
    public void Parse_Failpoint_GivesProbabilityAndSeed_OffByDefault()
    {
        Assert.That(Parse([]).Options!.Failpoint, Is.Null);
        var options = Parse(["--failpoint", "crash-after-vote=0.25", "--failpoint-seed", "9", "--failpoint-file", "/etc/armed"]).Options!;
        Assert.That((options.Failpoint, options.FailpointSeed, options.FailpointFile), Is.EqualTo((new FailpointSpec("crash-after-vote", 0.25), 9, "/etc/armed")));
        var fromEnv = Parse([], new() { ["RAFTCHAOS_FAILPOINT"] = "crash-before-first-append=1" }).Options!;
        Assert.That(fromEnv.Failpoint, Is.EqualTo(new FailpointSpec("crash-before-first-append", 1.0)));
    }

    [TestCase("crash-after-vote=0", "greater than 0 and at most 1")]
    [TestCase("crash-after-vote=1.5", "greater than 0 and at most 1")]
    [TestCase("crash-after-vote", "give a probability")]
    [TestCase("crash-before-vote=0.5", "unknown failpoint 'crash-before-vote'")]
    public void Parse_BadFailpoint_SaysWhatIsWrong(string value, string expected)
    {
        var result = Parse(["--failpoint", value]);
        Assert.That(result.Options, Is.Null);
        Assert.That(result.Error, Does.Contain(expected));
    }
}
