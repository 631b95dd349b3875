using System.Globalization;
using System.Text;
using Google.Protobuf;
using RaftChaos.Checker.History;

namespace RaftChaos.Workloads.Clients;

/// <summary>
/// History values ↔ node value bytes. Integers travel as their decimal text in UTF-8 (<c>"3"</c>), so values stay
/// readable with <c>raftchaos kv get</c>; strings travel as their UTF-8 bytes.
/// </summary>
public static class NodeValueCodec
{
    /// <summary>The bytes for an integer or string history value.</summary>
    /// <exception cref="ArgumentException">The value is null or a list: nodes store scalars only.</exception>
    public static ByteString Encode(HistoryValue value) => value switch
    {
        IntegerValue integer => ByteString.CopyFromUtf8(integer.Value.ToString(CultureInfo.InvariantCulture)),
        StringValue text => ByteString.CopyFromUtf8(text.Value),
        _ => throw new ArgumentException($"only integers and strings can be stored on a node, got {value}", nameof(value)),
    };

    /// <summary>
    /// The history value of stored bytes: an integer when the bytes are a decimal integer, otherwise the text. An
    /// unexpected value thus reaches the history as it is, and the checker, not the client, judges it.
    /// </summary>
    public static HistoryValue Decode(ByteString bytes)
    {
        var text = bytes.ToStringUtf8();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && integer.ToString(CultureInfo.InvariantCulture) == text
            ? HistoryValue.Of(integer)
            : HistoryValue.Of(text);
    }

    /// <summary>Text for a reason message (values are small).</summary>
    internal static string Describe(bool found, ByteString bytes) => found ? Encoding.UTF8.GetString(bytes.Span) : "absent";
}
