using System.Text;
using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Node.Hosting;

namespace RaftChaos.Node.Api;

/// <summary>Checks client requests against the API's limits before they reach the Raft loop.</summary>
internal sealed class RequestValidator(NodeOptions options)
{
    /// <summary>Throws InvalidArgument unless the key is 1 to 256 UTF-8 bytes.</summary>
    public void Key(string key)
    {
        var bytes = Encoding.UTF8.GetByteCount(key);
        if (bytes == 0)
        {
            throw Invalid("key must not be empty (limit: 1 to 256 bytes)");
        }
        if (bytes > options.MaxKeyBytes)
        {
            throw Invalid($"key is {bytes} bytes; the limit is {options.MaxKeyBytes} bytes");
        }
    }

    /// <summary>Throws InvalidArgument when <paramref name="value"/> exceeds the value size limit.</summary>
    public void Value(ByteString value, string field = "value")
    {
        if (value.Length > options.MaxValueBytes)
        {
            throw Invalid($"{field} is {value.Length} bytes; the limit is {options.MaxValueBytes} bytes (--max-value-bytes)");
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
