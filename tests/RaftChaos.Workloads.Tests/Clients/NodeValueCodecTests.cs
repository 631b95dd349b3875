using Google.Protobuf;
using RaftChaos.Checker.History;
using RaftChaos.Workloads.Clients;

namespace RaftChaos.Workloads.Tests.Clients;

public sealed class NodeValueCodecTests
{
    [TestCase(0L, "0")]
    [TestCase(4L, "4")]
    [TestCase(-12L, "-12")]
    public void Encode_Integer_DecimalText(long value, string text)
    {
        Assert.That(NodeValueCodec.Encode(HistoryValue.Of(value)).ToStringUtf8(), Is.EqualTo(text));
        Assert.That(NodeValueCodec.Decode(ByteString.CopyFromUtf8(text)), Is.EqualTo(HistoryValue.Of(value)));
    }

    [TestCase("x")]
    [TestCase("03")]
    [TestCase("")]
    public void Decode_NotCanonicalInteger_KeptAsString(string text)
    {
        Assert.That(NodeValueCodec.Decode(ByteString.CopyFromUtf8(text)), Is.EqualTo(HistoryValue.Of(text)));
    }

    [Test]
    public void Encode_NullOrList_Throws()
    {
        Assert.Throws<ArgumentException>(() => NodeValueCodec.Encode(HistoryValue.Null));
        Assert.Throws<ArgumentException>(() => NodeValueCodec.Encode(HistoryValue.ListOf(HistoryValue.Of(1))));
    }
}
