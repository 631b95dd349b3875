using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Tests.Engine;

/// <summary>EngineEndpoint: DOCKER_HOST-style strings, TLS settings, the host address clients use, and clear errors.</summary>
public sealed class EngineEndpointTests
{
    [Test]
    public void Parse_UnixSocket_IsLocalOnLoopback()
    {
        var endpoint = EngineEndpoint.Parse("unix:///var/run/docker2.sock");

        Assert.Multiple(() =>
        {
            Assert.That(endpoint.Name, Is.EqualTo("unix:///var/run/docker2.sock"));
            Assert.That(endpoint.IsUnixSocket, Is.True);
            Assert.That(endpoint.IsLocal, Is.True);
            Assert.That(endpoint.HostAddress, Is.EqualTo("127.0.0.1"));
            Assert.That(endpoint.PublishAddress, Is.EqualTo("127.0.0.1"));
            Assert.That(endpoint.UsesTls, Is.False);
        });
    }

    [Test]
    public void Parse_RemoteTcp_NodesAtTheHostsAddress()
    {
        var endpoint = EngineEndpoint.Parse(" tcp://10.1.2.3:2375 ");

        Assert.Multiple(() =>
        {
            Assert.That(endpoint.Name, Is.EqualTo("tcp://10.1.2.3:2375"));
            Assert.That(endpoint.IsLocal, Is.False);
            Assert.That(endpoint.HostAddress, Is.EqualTo("10.1.2.3"));
            Assert.That(endpoint.PublishAddress, Is.EqualTo("0.0.0.0"));
        });
    }

    [Test]
    public void Parse_TcpLoopback_IsLocal()
        => Assert.That(EngineEndpoint.Parse("tcp://127.0.0.1:2375").IsLocal, Is.True);

    [TestCase("tcp://engine-b", null, false, "tcp://engine-b:2375")]
    [TestCase("tcp://engine-b", "/certs", false, "tcp://engine-b:2376")]
    [TestCase("tcp://engine-b:4000", "/certs", true, "tcp://engine-b:4000")]
    public void Parse_TcpWithoutPort_TakesDockersDefault(string text, string? certPath, bool verify, string expected)
        => Assert.That(EngineEndpoint.Parse(text, certPath, verify).Name, Is.EqualTo(expected));

    [Test]
    public void Parse_TlsVerifyWithoutCertPath_UsesDotDocker()
    {
        var endpoint = EngineEndpoint.Parse("tcp://engine-b:2376", null, tlsVerify: true);

        Assert.Multiple(() =>
        {
            Assert.That(endpoint.UsesTls, Is.True);
            Assert.That(endpoint.TlsVerify, Is.True);
            Assert.That(endpoint.CertPath, Does.EndWith(".docker"));
        });
    }

    [TestCase("", "it is empty")]
    [TestCase("/var/run/docker.sock", "no scheme")]
    [TestCase("ssh://user@host", "scheme 'ssh' is not supported")]
    [TestCase("unix://", "absolute path")]
    [TestCase("tcp://host:2375/v1.41", "without a path")]
    [TestCase("tcp://:2375", "not a URI")]
    public void Parse_Invalid_SaysWhy(string text, string why)
    {
        var ex = Assert.Throws<FormatException>(() => EngineEndpoint.Parse(text));
        Assert.That(ex!.Message, Does.Contain(why).And.Contain("unix:///PATH or tcp://HOST:PORT"));
    }

    [Test]
    public void Parse_UnixWithTls_IsRefused()
        => Assert.That(() => EngineEndpoint.Parse("unix:///var/run/docker.sock", "/certs"), Throws.TypeOf<FormatException>().With.Message.Contains("only applies to tcp"));

    [Test]
    public void ParseList_TwoEngines_InOrder()
    {
        var list = EngineEndpoint.ParseList("unix:///var/run/docker.sock, unix:///var/run/docker2.sock");

        Assert.That(list.Select(e => e.Name), Is.EqualTo(new[] { "unix:///var/run/docker.sock", "unix:///var/run/docker2.sock" }));
    }

    [TestCase(" , ", "empty")]
    [TestCase("unix:///a.sock,unix:///a.sock", "named twice")]
    public void ParseList_Invalid_SaysWhy(string text, string why)
        => Assert.That(() => EngineEndpoint.ParseList(text), Throws.TypeOf<FormatException>().With.Message.Contains(why));

    [Test]
    public void FromEnvironment_Nothing_IsTheLocalSocket()
        => Assert.That(EngineEndpoint.FromEnvironment(_ => null), Is.EqualTo(EngineEndpoint.Default));

    [Test]
    public void FromEnvironment_DockerVariables_AsDockerReadsThem()
    {
        var variables = new Dictionary<string, string> { ["DOCKER_HOST"] = "tcp://engine-b:2376", ["DOCKER_CERT_PATH"] = "/certs", ["DOCKER_TLS_VERIFY"] = "1" };

        var endpoint = EngineEndpoint.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Multiple(() =>
        {
            Assert.That(endpoint.Name, Is.EqualTo("tcp://engine-b:2376"));
            Assert.That(endpoint.CertPath, Is.EqualTo("/certs"));
            Assert.That(endpoint.TlsVerify, Is.True);
            Assert.That(endpoint.ToEnvironment(), Is.EquivalentTo(variables));
        });
    }

    [Test]
    public void FromEnvironment_BadDockerHost_NamesTheVariable()
        => Assert.That(() => EngineEndpoint.FromEnvironment(name => name == "DOCKER_HOST" ? "localhost:2375" : null),
            Throws.TypeOf<FormatException>().With.Message.StartsWith("DOCKER_HOST: "));
}
