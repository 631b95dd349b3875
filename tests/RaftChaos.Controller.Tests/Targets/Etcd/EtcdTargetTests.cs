using System.Net;
using RaftChaos.Controller.Targets;
using RaftChaos.Etcd.Api;

namespace RaftChaos.Controller.Tests.Targets.Etcd;

public sealed class EtcdTargetTests
{
    private static readonly ClusterLayout Layout = new("demo", [
        (new NodeSlot("n1", 0), IPAddress.Parse("10.213.7.10")),
        (new NodeSlot("n2", 1), IPAddress.Parse("10.213.7.11")),
        (new NodeSlot("n3", 2), IPAddress.Parse("10.213.7.12"))],
        Image: "raftchaos/etcd:3.4", Seed: 7);

    [Test]
    public void NodeContainer_SecondMember_StaticClusterOfEveryMemberAndItsOwnAddresses()
    {
        var spec = new EtcdTarget().NodeContainer(new NodeSlot("n2", 1), Layout);

        Assert.That(string.Join(' ', spec.Command), Is.EqualTo(
            "--name n2 --data-dir /var/lib/etcd/data --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls http://10.213.7.11:2379 " +
            "--listen-peer-urls http://0.0.0.0:2380 --initial-advertise-peer-urls http://10.213.7.11:2380 " +
            "--initial-cluster n1=http://10.213.7.10:2380,n2=http://10.213.7.11:2380,n3=http://10.213.7.12:2380 --initial-cluster-state new " +
            "--initial-cluster-token demo --heartbeat-interval 50 --election-timeout 500 --logger zap --log-outputs stderr"));
        Assert.That((spec.Image, spec.DataDirectory, spec.Entrypoint, spec.Failpoints, spec.Environment.Count),
            Is.EqualTo(("raftchaos/etcd:3.4", "/var/lib/etcd", (IReadOnlyList<string>?)null, (FailpointSwitch?)null, 0)));
    }

    [Test]
    public void NodeContainer_SpanningEngines_MembersAdvertisedAtHostAddressAndPublishedPeerPort()
    {
        var layout = Layout with
        {
            PublishedPeers = [new(IPAddress.Parse("192.0.2.2"), 21001), new(IPAddress.Parse("192.0.2.9"), 21002), new(IPAddress.Parse("192.0.2.2"), 21003)],
        };

        var command = string.Join(' ', new EtcdTarget().NodeContainer(new NodeSlot("n2", 1), layout).Command);

        Assert.That(command, Does.Contain("--listen-peer-urls http://0.0.0.0:2380 --initial-advertise-peer-urls http://192.0.2.9:21002 " +
            "--initial-cluster n1=http://192.0.2.2:21001,n2=http://192.0.2.9:21002,n3=http://192.0.2.2:21003 "));
        Assert.That(new EtcdTarget().PeerPort, Is.EqualTo(EtcdTarget.EtcdPeerPort), "the port the cluster publishes for peers");
    }

    [Test]
    public void NodeContainer_PreVoteAndOtherTimeouts_Passed()
    {
        var spec = new EtcdTarget(new EtcdTargetOptions { HeartbeatIntervalMs = 100, ElectionTimeoutMs = 1000, PreVote = true }).NodeContainer(new NodeSlot("n1", 0), Layout);

        Assert.That(string.Join(' ', spec.Command), Does.Contain("--heartbeat-interval 100 --election-timeout 1000").And.EndWith("--pre-vote"));
    }

    [Test]
    public void Options_ElectionTimeoutUnderFiveHeartbeats_RefusedAsEtcdWould()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EtcdTarget(new EtcdTargetOptions { HeartbeatIntervalMs = 100, ElectionTimeoutMs = 400 }));

        Assert.That(error!.Message, Does.Contain("at least 5 × the heartbeat interval (500 ms)"));
    }

    [Test]
    public void Capabilities_NoClockNoFailpoints()
    {
        var target = new EtcdTarget();

        Assert.That(target.Capabilities, Is.EqualTo(TargetCapabilities.Kill | TargetCapabilities.Pause | TargetCapabilities.LeaderDiscovery | TargetCapabilities.Append));
        Assert.That(target.NodeLogChecks.Select(c => c.Name), Is.EqualTo(new[] { "election-safety" }));
        Assert.That(SystemsUnderTest.Find("etcd"), Is.TypeOf<EtcdTarget>());
    }

    [TestCase(0x8e9eUL, 0x8e9eUL, true)]
    [TestCase(0x8e9eUL, 0x91bcUL, false)]
    [TestCase(0UL, 0x91bcUL, false)]
    public void StatusFrom_LeadsWhenTheLeaderItNamesIsItself(ulong leader, ulong self, bool isLeader)
    {
        var reply = new StatusResponse { Header = new ResponseHeader { MemberId = self }, Leader = leader, RaftTerm = 4, RaftIndex = 17, RaftAppliedIndex = 16 };

        var status = EtcdStatusProbe.From("n2", reply, leader == 0 ? null : "n1");

        Assert.That(status, Is.EqualTo(new NodeStatus("n2", isLeader, 4, leader == 0 ? null : "n1", 17, 16)));
    }
}
