using System.Buffers.Binary;
using System.Text;
using RaftChaos.Raft.Messages;
using RaftChaos.Simulation.Clients;

namespace RaftChaos.Simulation.Nodes;

/// <summary>
/// A node's registers. Restored from the node's snapshot on restart (or a leader's, when installed), then advanced by
/// committed entries. The snapshot form is canonical (keys in ordinal order), so equal states have equal bytes and the
/// safety monitor can compare a snapshot with the committed prefix byte for byte.
/// </summary>
public sealed class KvStateMachine
{
    private readonly SortedDictionary<string, long> _values = new(StringComparer.Ordinal);

    /// <summary>The value of <paramref name="key"/>, or null if never written.</summary>
    public long? Read(string key) => _values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Applies a committed entry; returns whether it took effect (false for a no-op, a membership change, or a failed cas).</summary>
    public bool Apply(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Type == EntryType.Normal && !entry.Data.IsEmpty && Apply(KvCommand.Decode(entry.Data.Span));
    }

    /// <summary>Applies a committed command; returns whether it took effect (false only for a cas whose expectation failed).</summary>
    public bool Apply(KvCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        switch (command.Kind)
        {
            case OpKind.Write:
                _values[command.Key] = command.Value;
                return true;
            case OpKind.Cas:
                if (!_values.TryGetValue(command.Key, out var current) || current != command.Expected)
                {
                    return false;
                }

                _values[command.Key] = command.Value;
                return true;
            default:
                throw new InvalidOperationException($"{command.Kind} is not a log command");
        }
    }

    /// <summary>The snapshot bytes: count, then (key length, key, value) in key order.</summary>
    public byte[] Encode()
    {
        var size = 4;
        foreach (var key in _values.Keys)
        {
            size += 4 + Encoding.UTF8.GetByteCount(key) + 8;
        }

        var bytes = new byte[size];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, _values.Count);
        var at = 4;
        foreach (var (key, value) in _values)
        {
            var length = Encoding.UTF8.GetBytes(key, bytes.AsSpan(at + 4));
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), length);
            at += 4 + length;
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), value);
            at += 8;
        }
        return bytes;
    }

    /// <summary>Rebuilds a state machine from <see cref="Encode"/>'s bytes.</summary>
    public static KvStateMachine Decode(ReadOnlySpan<byte> data)
    {
        var state = new KvStateMachine();
        var count = BinaryPrimitives.ReadInt32LittleEndian(data);
        var at = 4;
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
            var key = Encoding.UTF8.GetString(data.Slice(at + 4, length));
            at += 4 + length;
            state._values[key] = BinaryPrimitives.ReadInt64LittleEndian(data[at..]);
            at += 8;
        }
        if (at != data.Length)
        {
            throw new FormatException($"snapshot has {data.Length - at} trailing bytes");
        }

        return state;
    }
}
