using System.Net;
using RaftChaos.Controller.Networking;

namespace RaftChaos.Controller.Tests.Networking;

public sealed class RunNetworkTests
{
    [Test]
    public void CandidateSubnets_CoverThePoolOnce_StartingFromTheRunId()
    {
        var subnets = RunNetwork.CandidateSubnets("10.213.0.0/16", "abc").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(subnets, Has.Count.EqualTo(256));
            Assert.That(subnets.Distinct().Count(), Is.EqualTo(256));
            Assert.That(subnets.Select(s => s.GetAddressBytes()[..2]), Has.All.EqualTo(new byte[] { 10, 213 }));
            Assert.That(subnets.Select(s => s.GetAddressBytes()[3]), Has.All.EqualTo(0));
            Assert.That(RunNetwork.CandidateSubnets("10.213.0.0/16", "abc").First(), Is.EqualTo(subnets[0]), "stable across calls");
        });
    }

    [TestCase("10.213.0.0/16", "10.213.0.0", 16)]
    [TestCase("10.213.9.77/24", "10.213.9.0", 24)]
    public void ParseCidr_MasksHostBits(string cidr, string address, int prefix)
        => Assert.That(RunNetwork.ParseCidr(cidr), Is.EqualTo((IPAddress.Parse(address), prefix)));

    [TestCase("10.213.0.0"), TestCase("fe80::/64"), TestCase("10.213.0.0/33"), TestCase("nonsense/8")]
    public void ParseCidr_Rejects(string cidr)
        => Assert.Throws<FormatException>(() => RunNetwork.ParseCidr(cidr));

    [Test]
    public void Options_PoolSmallerThanASubnet_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new RunNetworkOptions { AddressPool = "10.0.0.0/28" }.Validate());
}
