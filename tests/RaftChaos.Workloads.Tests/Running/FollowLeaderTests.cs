using Grpc.Core;
using RaftChaos.Checker.History;
using RaftChaos.Node.Api;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Recording;
using RaftChaos.Workloads.Running;
using RaftChaos.Workloads.Tests.Support;

namespace RaftChaos.Workloads.Tests.Running;

/// <summary>
/// <see cref="WorkloadOptions.FollowLeader"/> with in-process nodes: gRPC endpoints on fake call invokers, so the
/// refusals go through the real classifier. Slot 0 is bound to n1, which never leads.
/// </summary>
public sealed class FollowLeaderTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    private static WorkloadOptions Options(bool followLeader = true) => new()
    {
        Workload = "register",
        Concurrency = 1,
        Rate = 500,
        Seed = 3,
        Timeout = TimeSpan.FromSeconds(2),
        FollowLeader = followLeader,
    };

    // A node that refuses everything with not_leader naming `leader`, or serves everything when `leader` is null.
    private static (GrpcKvEndpoint Endpoint, FakeCallInvoker Invoker) Node(string id, string? leader)
    {
        var notLeader = new NotLeader { LeaderId = leader ?? "" };
        var invoker = new FakeCallInvoker((request, _) => Task.FromResult<object>(request switch
        {
            ReadRequest => leader is null ? new ReadReply() : new ReadReply { NotLeader = notLeader },
            WriteRequest => leader is null ? new WriteReply() : new WriteReply { NotLeader = notLeader },
            CasRequest => leader is null ? new CasReply { Succeeded = true } : new CasReply { NotLeader = notLeader },
            _ => throw new RpcException(new Status(StatusCode.Unimplemented, request.GetType().Name)),
        }));
        return (new GrpcKvEndpoint(id, new Kv.KvClient(invoker)), invoker);
    }

    private static async Task<List<HistoryEvent>> RunAsync(WorkloadOptions options, params GrpcKvEndpoint[] endpoints)
    {
        using var recorder = HistoryRecorder.InMemory();
        var runner = new WorkloadRunner(options, endpoints, recorder);
        await runner.RunAsync(Short);
        return recorder.Events.ToList();
    }

    [Test]
    public async Task RunAsync_FollowerNamesTheLeader_WriteAndCasEndOkOnTheLeaderAsOneOperation()
    {
        var (n1, _) = Node("n1", leader: "n2");
        var (n2, leaderCalls) = Node("n2", leader: null);
        var (n3, otherCalls) = Node("n3", leader: "n2");

        var events = await RunAsync(Options(), n1, n2, n3);
        var completions = events.Where(e => e.Type != HistoryEventType.Invoke).ToList();
        var mutations = completions.Where(e => e.F != "read").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(mutations, Is.Not.Empty);
            Assert.That(events.Count(e => e.Type == HistoryEventType.Invoke), Is.EqualTo(completions.Count), "one completion per invoke");
            Assert.That(mutations.Select(e => (e.Type, e.Node, e.RedirectedFrom, e.Error)).Distinct(),
                Is.EqualTo(new[] { (HistoryEventType.Ok, (string?)"n2", (string?)"n1", (string?)null) }));
            Assert.That(leaderCalls.Requests, Has.Count.EqualTo(mutations.Count), "each write or cas reached the leader once");
            Assert.That(otherCalls.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task RunAsync_ReadRefusedByFollower_StaysOnTheBoundNode()
    {
        var (n1, _) = Node("n1", leader: "n2");
        var (n2, leaderCalls) = Node("n2", leader: null);

        var events = await RunAsync(Options(), n1, n2);
        var reads = events.Where(e => e.F == "read" && e.Type != HistoryEventType.Invoke).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(reads, Is.Not.Empty);
            Assert.That(reads.Select(e => (e.Type, e.Node, e.RedirectedFrom, e.Error)).Distinct(),
                Is.EqualTo(new[] { (HistoryEventType.Fail, (string?)"n1", (string?)null, (string?)"not-leader") }));
            Assert.That(leaderCalls.Requests.OfType<ReadRequest>(), Is.Empty);
        });
    }

    [Test]
    public async Task RunAsync_LeaderChangesBetweenTheAttempts_FailsNotLeaderOnTheSecondNodeAndGoesNoFurther()
    {
        // n1 still names n2, but n2 lost leadership to n3 in between: the second refusal is recorded as it is.
        var (n1, _) = Node("n1", leader: "n2");
        var (n2, formerLeaderCalls) = Node("n2", leader: "n3");
        var (n3, newLeaderCalls) = Node("n3", leader: null);

        var events = await RunAsync(Options(), n1, n2, n3);
        var mutations = events.Where(e => e.F != "read" && e.Type != HistoryEventType.Invoke).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(mutations, Is.Not.Empty);
            Assert.That(mutations.Select(e => (e.Type, e.Node, e.RedirectedFrom, e.Error)).Distinct(),
                Is.EqualTo(new[] { (HistoryEventType.Fail, (string?)"n2", (string?)"n1", (string?)"not-leader") }));
            Assert.That(formerLeaderCalls.Requests, Has.Count.EqualTo(mutations.Count));
            Assert.That(newLeaderCalls.Requests, Is.Empty, "at most one redirect per operation");
        });
    }

    [Test]
    public async Task RunAsync_FollowLeaderOff_EveryOperationEndsOnTheBoundNode()
    {
        var (n1, _) = Node("n1", leader: "n2");
        var (n2, leaderCalls) = Node("n2", leader: null);

        var events = await RunAsync(Options(followLeader: false), n1, n2);
        var completions = events.Where(e => e.Type != HistoryEventType.Invoke).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(completions, Is.Not.Empty);
            Assert.That(completions.Select(e => (e.Type, e.Node, e.RedirectedFrom, e.Error)).Distinct(),
                Is.EqualTo(new[] { (HistoryEventType.Fail, (string?)"n1", (string?)null, (string?)"not-leader") }));
            Assert.That(leaderCalls.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task RunAsync_RefusalNamesAnUnknownNode_NoRedirect()
    {
        var (n1, _) = Node("n1", leader: "n9");
        var (n2, otherCalls) = Node("n2", leader: null);

        var events = await RunAsync(Options(), n1, n2);

        Assert.That(events.Where(e => e.Type != HistoryEventType.Invoke).Select(e => (e.Node, e.RedirectedFrom)).Distinct(),
            Is.EqualTo(new[] { ((string?)"n1", (string?)null) }));
        Assert.That(otherCalls.Requests, Is.Empty);
    }
}
