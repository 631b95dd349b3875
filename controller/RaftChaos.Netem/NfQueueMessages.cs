using System.Buffers.Binary;

namespace RaftChaos.Netem;

/// <summary>
/// The netfilter-queue messages of the netlink protocol (linux/netfilter/nfnetlink_queue.h), built and parsed by hand:
/// what libnetfilter_queue does for C, in the few messages a delayer needs (bind a queue, read packet ids, give a
/// verdict). Netlink headers are in host order (little-endian here); netfilter fields in network order. Pure: no I/O.
/// </summary>
internal static class NfQueueMessages
{
    private const ushort SubsysQueue = 3;          // NFNL_SUBSYS_QUEUE
    private const ushort MsgPacket = 0;            // NFQNL_MSG_PACKET
    private const ushort MsgVerdict = 1;           // NFQNL_MSG_VERDICT
    private const ushort MsgConfig = 2;            // NFQNL_MSG_CONFIG
    private const ushort FlagRequest = 1;          // NLM_F_REQUEST
    private const ushort FlagAck = 4;              // NLM_F_ACK
    private const ushort TypeError = 2;            // NLMSG_ERROR
    private const ushort AttrCfgCmd = 1;           // NFQA_CFG_CMD
    private const ushort AttrCfgParams = 2;        // NFQA_CFG_PARAMS
    private const ushort AttrCfgQueueMaxLen = 3;   // NFQA_CFG_QUEUE_MAXLEN
    private const ushort AttrCfgMask = 4;          // NFQA_CFG_MASK
    private const ushort AttrCfgFlags = 5;         // NFQA_CFG_FLAGS
    private const ushort AttrPacketHdr = 1;        // NFQA_PACKET_HDR
    private const ushort AttrVerdictHdr = 2;       // NFQA_VERDICT_HDR
    private const byte CmdBind = 1;                // NFQNL_CFG_CMD_BIND
    private const byte CopyMeta = 1;               // NFQNL_COPY_META: the id is enough, the packet stays in the kernel
    private const uint FailOpen = 1;               // NFQA_CFG_F_FAIL_OPEN: a full queue lets packets pass, never drops them

    /// <summary>NF_ACCEPT: the packet goes on its way.</summary>
    public const uint Accept = 1;

    /// <summary>The request that binds this socket to <paramref name="queue"/>, with meta-data copies and fail-open at <paramref name="maxLength"/> held packets.</summary>
    public static byte[] Bind(ushort queue, uint maxLength, uint sequence)
    {
        var cmd = new byte[4];
        cmd[0] = CmdBind; // then a pad byte and pf = 0 (AF_UNSPEC: ignored by kernels since 3.8)
        var parameters = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(parameters, 0); // copy range: nothing of the payload
        parameters[4] = CopyMeta;
        return Message(MsgConfig, FlagRequest | FlagAck, sequence, queue,
            (AttrCfgCmd, cmd), (AttrCfgParams, parameters), (AttrCfgQueueMaxLen, BigEndian(maxLength)),
            (AttrCfgMask, BigEndian(FailOpen)), (AttrCfgFlags, BigEndian(FailOpen)));
    }

    /// <summary>The verdict <paramref name="verdict"/> for packet <paramref name="packetId"/> of <paramref name="queue"/>.</summary>
    public static byte[] Verdict(ushort queue, uint packetId, uint verdict, uint sequence)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, verdict);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), packetId);
        return Message(MsgVerdict, FlagRequest, sequence, queue, (AttrVerdictHdr, header));
    }

    /// <summary>
    /// Reads one datagram from the kernel: the packet ids it queued, and the error code of an acknowledgement (0 for a
    /// positive one, a negative errno otherwise), or null when it held none.
    /// </summary>
    public static (List<uint> PacketIds, int? AckError) Parse(ReadOnlySpan<byte> datagram)
    {
        var ids = new List<uint>();
        int? ackError = null;
        while (datagram.Length >= 16)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(datagram[4..]);
            if (length < 16 || length > datagram.Length)
            {
                break;
            }

            var body = datagram[16..length];
            if (type == TypeError && body.Length >= 4)
            {
                ackError = BinaryPrimitives.ReadInt32LittleEndian(body);
            }
            else if (type == ((SubsysQueue << 8) | MsgPacket) && body.Length >= 4 && FindAttribute(body[4..], AttrPacketHdr) is { Length: >= 4 } hdr)
            {
                ids.Add(BinaryPrimitives.ReadUInt32BigEndian(hdr));
            }

            datagram = datagram[Math.Min(Align(length), datagram.Length)..];
        }
        return (ids, ackError);
    }

    private static ReadOnlySpan<byte> FindAttribute(ReadOnlySpan<byte> attributes, ushort wanted)
    {
        while (attributes.Length >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
            var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]) & 0x3fff); // without NLA_F_NESTED/NET_BYTEORDER
            if (length < 4 || length > attributes.Length)
            {
                break;
            }

            if (type == wanted)
            {
                return attributes[4..length];
            }

            attributes = attributes[Math.Min(Align(length), attributes.Length)..];
        }
        return [];
    }

    private static byte[] Message(ushort message, ushort flags, uint sequence, ushort queue, params (ushort Type, byte[] Value)[] attributes)
    {
        var length = 16 + 4 + attributes.Sum(a => Align(4 + a.Value.Length));
        var buffer = new byte[length];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (ushort)((SubsysQueue << 8) | message));
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], sequence);
        // span[12..16]: port id 0, the kernel
        span[16] = 0; // nfgen_family AF_UNSPEC
        span[17] = 0; // NFNETLINK_V0
        BinaryPrimitives.WriteUInt16BigEndian(span[18..], queue);
        var at = 20;
        foreach (var (type, value) in attributes)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)(4 + value.Length));
            BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 2)..], type);
            value.CopyTo(span[(at + 4)..]);
            at += Align(4 + value.Length);
        }
        return buffer;
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static int Align(int length) => (length + 3) & ~3;
}
