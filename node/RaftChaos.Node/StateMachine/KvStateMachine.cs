using Google.Protobuf;

namespace RaftChaos.Node.StateMachine;

/// <summary>
/// The replicated key-value map. Deterministic: every node applying the same commands in the same
/// order reaches the same map. Owned by the Raft loop's thread; it has no locks of its own.
/// </summary>
internal sealed class KvStateMachine
{
    // ByteString is immutable, so values are shared with requests and replies without copying.
    private readonly Dictionary<string, ByteString> _data = new(StringComparer.Ordinal);

    /// <summary>Number of keys.</summary>
    public int Count => _data.Count;

    /// <summary>The current value of <paramref name="key"/>.</summary>
    public ApplyResult Read(string key) =>
        _data.TryGetValue(key, out var value)
            ? new ApplyResult(true, true, value)
            : new ApplyResult(true, false, ByteString.Empty);

    /// <summary>Applies one committed command.</summary>
    public ApplyResult Apply(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        switch (command.Kind)
        {
            case CommandKind.Write:
                _data[command.Key] = command.Value;
                return ApplyResult.Done;
            case CommandKind.Cas:
                return ApplyCas(command);
            case CommandKind.Append:
                var appended = _data.TryGetValue(command.Key, out var old) ? Concat(old, command.Value) : command.Value;
                _data[command.Key] = appended;
                return new ApplyResult(true, true, appended);
            case CommandKind.Delete:
                return new ApplyResult(true, _data.Remove(command.Key), ByteString.Empty);
            default:
                // A command this version does not know was committed by another version: skipping it on
                // every node keeps replicas equal, while throwing would stop the node for good.
                return new ApplyResult(false, false, ByteString.Empty);
        }
    }

    /// <summary>The whole map, for a Raft snapshot.</summary>
    public byte[] Snapshot()
    {
        var snapshot = new KvSnapshot();
        foreach (var (key, value) in _data.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            snapshot.Pairs.Add(new KvPair { Key = key, Value = value });
        }
        return snapshot.ToByteArray();
    }

    /// <summary>Replaces the map with the contents of a snapshot (empty data = empty map).</summary>
    public void Restore(ReadOnlySpan<byte> data)
    {
        _data.Clear();
        if (data.IsEmpty)
        {
            return;
        }
        foreach (var pair in KvSnapshot.Parser.ParseFrom(data).Pairs)
        {
            _data[pair.Key] = pair.Value;
        }
    }

    private ApplyResult ApplyCas(Command command)
    {
        var found = _data.TryGetValue(command.Key, out var current);
        var holds = command.ExpectAbsent ? !found : found && current!.Equals(command.Expected);
        if (!holds)
        {
            return new ApplyResult(false, found, found ? current! : ByteString.Empty);
        }
        _data[command.Key] = command.Value;
        return new ApplyResult(true, true, command.Value);
    }

    private static ByteString Concat(ByteString a, ByteString b)
    {
        var bytes = new byte[a.Length + b.Length];
        a.Span.CopyTo(bytes);
        b.Span.CopyTo(bytes.AsSpan(a.Length));
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }
}
