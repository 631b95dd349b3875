using RaftChaos.Raft.Membership;

namespace RaftChaos.Raft.Tests.Units;

public sealed class MembershipChangeTests
{
    [Test]
    public void EncodeDecode_RoundTrips()
    {
        var change = new MembershipChange(MembershipChangeType.RemoveVoter, 0x0102030405060708);
        Assert.That(MembershipChange.Decode(change.Encode()), Is.EqualTo(change));
    }

    [Test]
    public void Decode_Garbage_Throws() =>
        Assert.Throws<FormatException>(() => MembershipChange.Decode(new byte[] { 9, 1 }));

    [Test]
    public void ConfState_Apply_AddsAndRemovesButNeverEmpties()
    {
        var conf = new ConfState([3, 1]);
        Assert.That(conf.Apply(new MembershipChange(MembershipChangeType.AddVoter, 2)).Voters, Is.EqualTo(new ulong[] { 1, 2, 3 }));
        var one = conf.Apply(new MembershipChange(MembershipChangeType.RemoveVoter, 3));
        Assert.That(one.Voters, Is.EqualTo(new ulong[] { 1 }));
        Assert.That(one.CanApply(new MembershipChange(MembershipChangeType.RemoveVoter, 1)), Is.False);
    }
}
