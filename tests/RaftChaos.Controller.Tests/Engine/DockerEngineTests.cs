using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using RaftChaos.Controller.Engine;

namespace RaftChaos.Controller.Tests.Engine;

/// <summary>DockerEngine without an engine: the "nobody answers" error and the retry classification.</summary>
public sealed class DockerEngineTests
{
    [Test]
    public async Task Connect_NothingListening_ThrowsUnavailableWithHowToStart()
    {
        var options = new DockerEngineOptions { Endpoint = EngineEndpoint.Parse("unix:///nonexistent/raftchaos-test.sock"), ConnectTimeout = TimeSpan.FromSeconds(2) };

        var ex = await Assert.ThrowsAsync<DockerUnavailableException>(() => DockerEngine.ConnectAsync(options, null, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("raftchaos engine setup"));
            Assert.That(ex.Message, Does.Contain("unix:///nonexistent/raftchaos-test.sock"));
            Assert.That(ex.Endpoint, Is.EqualTo(options.Endpoint));
        });
    }

    [Test]
    public void Options_ExplicitEndpoint_WinsOverDockerHost()
        => Assert.That(new DockerEngineOptions { Endpoint = EngineEndpoint.Parse("tcp://127.0.0.1:2375") }.ResolveEndpoint().Uri, Is.EqualTo(new Uri("tcp://127.0.0.1:2375")));

    [Test]
    public void Options_Invalid_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new DockerEngineOptions { RetryAttempts = -1 }.Validate());

    private static IEnumerable<TestCaseData> TransientCases()
    {
        yield return new TestCaseData(new HttpRequestException("reset"), true).SetName("HttpRequest_IsTransient");
        yield return new TestCaseData(new SocketException(), true).SetName("Socket_IsTransient");
        yield return new TestCaseData(new DockerApiException(HttpStatusCode.InternalServerError, "boom"), true).SetName("Api500_IsTransient");
        yield return new TestCaseData(new DockerApiException(HttpStatusCode.Conflict, "{\"message\":\"Container 8d3b is restarting, wait until the container is running\"}"), true).SetName("ApiConflictRestarting_IsTransient");
        yield return new TestCaseData(new DockerApiException(HttpStatusCode.Conflict, "{\"message\":\"Container 8d3b is paused, unpause the container before exec\"}"), false).SetName("ApiConflictPaused_IsNotTransient");
        yield return new TestCaseData(new DockerApiException(HttpStatusCode.Conflict, "container is paused"), false).SetName("Api409_IsNot");
        yield return new TestCaseData(new DockerContainerNotFoundException(HttpStatusCode.NotFound, "no such container"), false).SetName("NotFound_IsNot");
        yield return new TestCaseData(new InvalidOperationException(), false).SetName("Bug_IsNot");
    }

    [TestCaseSource(nameof(TransientCases))]
    public void IsTransient_Classifies(Exception ex, bool expected)
        => Assert.That(DockerEngine.IsTransient(ex, CancellationToken.None), Is.EqualTo(expected));

    [Test]
    public void IsTransient_CancelledByCaller_IsNot()
        => Assert.That(DockerEngine.IsTransient(new OperationCanceledException(), new CancellationToken(canceled: true)), Is.False);
}
