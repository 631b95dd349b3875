using System.Buffers.Binary;
using RaftChaos.Netem;

namespace RaftChaos.Controller.Tests.Netem;

/// <summary>The delayer's netlink messages, byte by byte against linux/netfilter/nfnetlink_queue.h, and its seeded hold times.</summary>
public sealed class NfQueueMessagesTests
{
    [Test]
    public void Bind_IsAConfigRequestForTheQueue_WithMetaCopyAndFailOpen()
    {
        var message = NfQueueMessages.Bind(1002, 4096, 9);
        Assert.Multiple(() =>
        {
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(message), Is.EqualTo((uint)message.Length), "nlmsg_len");
            Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(4)), Is.EqualTo((3 << 8) | 2), "NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_CONFIG");
            Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(6)), Is.EqualTo(1 | 4), "NLM_F_REQUEST | NLM_F_ACK");
            Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(8)), Is.EqualTo(9u), "sequence");
            Assert.That(BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(18)), Is.EqualTo(1002), "res_id: the queue, big-endian");
            // First attribute: NFQA_CFG_CMD (len 8, type 1) with NFQNL_CFG_CMD_BIND.
            Assert.That(message.AsSpan(20, 5).ToArray(), Is.EqualTo(new byte[] { 8, 0, 1, 0, 1 }));
            Assert.That(message.Length % 4, Is.Zero, "attributes padded to 4 bytes");
        });
    }

    [Test]
    public void Verdict_CarriesIdAndVerdictBigEndian()
    {
        var message = NfQueueMessages.Verdict(7, 0x01020304, NfQueueMessages.Accept, 1);
        Assert.Multiple(() =>
        {
            Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(4)), Is.EqualTo((3 << 8) | 1), "NFQNL_MSG_VERDICT");
            Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(22)), Is.EqualTo(2), "NFQA_VERDICT_HDR");
            Assert.That(BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(24)), Is.EqualTo(1u), "NF_ACCEPT");
            Assert.That(BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(28)), Is.EqualTo(0x01020304u), "packet id");
        });
    }

    [Test]
    public void Parse_ReadsPacketIdsOfSeveralMessages_AndAnAck()
    {
        var datagram = Packet(5).Concat(Packet(6)).Concat(Ack(-1)).ToArray();
        var (ids, ack) = NfQueueMessages.Parse(datagram);
        Assert.That(ids, Is.EqualTo(new uint[] { 5, 6 }));
        Assert.That(ack, Is.EqualTo(-1));
    }

    [Test]
    public void Parse_TruncatedMessage_YieldsNothing()
        => Assert.That(NfQueueMessages.Parse(Packet(5).AsSpan(0, 20)).PacketIds, Is.Empty);

    [Test]
    public void HoldTimes_SameSeed_SameHolds_WithinDelayPlusMinusJitter()
    {
        var a = new HoldTimes(100_000, 20_000, 7);
        var b = new HoldTimes(100_000, 20_000, 7);
        var holds = Enumerable.Range(0, 1000).Select(_ => a.Next()).ToList();
        Assert.That(Enumerable.Range(0, 1000).Select(_ => b.Next()), Is.EqualTo(holds));
        Assert.That(holds, Has.All.InRange(80_000L, 120_000L));
        Assert.That(holds.Average(), Is.InRange(98_000.0, 102_000.0));
        Assert.That(new HoldTimes(100_000, 20_000, 8).Next(), Is.Not.EqualTo(holds[0]).Or.Not.EqualTo(holds[1]));
        Assert.That(new HoldTimes(5_000, 20_000, 1).Next(), Is.GreaterThanOrEqualTo(0), "never below zero");
    }

    /// <summary>An NFQNL_MSG_PACKET message with an NFQA_PACKET_HDR attribute for <paramref name="id"/>.</summary>
    private static byte[] Packet(uint id)
    {
        var m = new byte[16 + 4 + 12];
        BinaryPrimitives.WriteUInt32LittleEndian(m, (uint)m.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(4), (3 << 8) | 0);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(20), 11); // 4 + packet_id, hw_protocol, hook = 11, padded to 12
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32BigEndian(m.AsSpan(24), id);
        return m;
    }

    private static byte[] Ack(int error)
    {
        var m = new byte[16 + 4 + 16];
        BinaryPrimitives.WriteUInt32LittleEndian(m, (uint)m.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(4), 2); // NLMSG_ERROR
        BinaryPrimitives.WriteInt32LittleEndian(m.AsSpan(16), error);
        return m;
    }
}
