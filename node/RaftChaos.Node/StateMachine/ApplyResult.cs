using Google.Protobuf;

namespace RaftChaos.Node.StateMachine;

/// <summary>The outcome of applying one command (or of a read) to the key-value state machine.</summary>
/// <param name="Succeeded">cas: whether the precondition held and the value was set; true for the others.</param>
/// <param name="Found">read and failed cas: whether the key exists; delete: whether it existed.</param>
/// <param name="Value">read: the value; failed cas: the current value; append: the value after appending.</param>
internal sealed record ApplyResult(bool Succeeded, bool Found, ByteString Value)
{
    /// <summary>A command that changed or read nothing worth returning (write, or a no-op entry).</summary>
    public static ApplyResult Done { get; } = new(true, false, ByteString.Empty);
}
