namespace RaftChaos.Raft.Tracker;

/// <summary>
/// Flow control for one follower in replicate state: the append messages sent and not yet acknowledged,
/// each remembered by its last index and payload size, in a ring buffer. Full when the message count or
/// byte budget is used up; an acknowledgement of index i frees every message ending at or before i.
/// Invariant: indexes in the buffer strictly increase from oldest to newest.
/// </summary>
internal sealed class Inflights
{
    private readonly int _capacity;
    private readonly long _maxBytes;
    private ulong[] _index = [];
    private long[] _bytes = [];
    private int _start;

    public Inflights(int capacity, long maxBytes)
    {
        _capacity = capacity;
        _maxBytes = maxBytes;
    }

    /// <summary>Messages in flight.</summary>
    public int Count { get; private set; }

    /// <summary>Payload bytes in flight.</summary>
    public long Bytes { get; private set; }

    /// <summary>True when no further message may be sent.</summary>
    public bool Full => Count == _capacity || (_maxBytes > 0 && Bytes >= _maxBytes);

    /// <summary>Records a message whose last entry is <paramref name="index"/>.</summary>
    public void Add(ulong index, long bytes)
    {
        if (Full)
        {
            throw new InvalidOperationException("inflights: add to a full window");
        }

        if (Count > 0 && _index[(_start + Count - 1) % _index.Length] >= index)
        {
            throw new InvalidOperationException("inflights: indexes must increase");
        }

        Grow();
        var slot = (_start + Count) % _index.Length;
        _index[slot] = index;
        _bytes[slot] = bytes;
        Count++;
        Bytes += bytes;
    }

    /// <summary>Frees every message whose last index is at most <paramref name="index"/> (they were acknowledged).</summary>
    public void FreeLE(ulong index)
    {
        while (Count > 0 && _index[_start] <= index)
        {
            Bytes -= _bytes[_start];
            _start = (_start + 1) % _index.Length;
            Count--;
        }
        if (Count == 0)
        {
            _start = 0;
        }
    }

    /// <summary>Frees the oldest message (presumed lost), so one more may be sent.</summary>
    public void FreeFirstOne()
    {
        if (Count > 0)
        {
            FreeLE(_index[_start]);
        }
    }

    /// <summary>Forgets everything in flight (the follower went back to probing).</summary>
    public void Reset()
    {
        Count = 0;
        Bytes = 0;
        _start = 0;
    }

    /// <summary>The buffer grows on demand up to the capacity, so idle followers cost little.</summary>
    private void Grow()
    {
        if (Count < _index.Length)
        {
            return;
        }

        var size = Math.Min(_capacity, Math.Max(4, _index.Length * 2));
        var index = new ulong[size];
        var bytes = new long[size];
        for (var i = 0; i < Count; i++)
        {
            index[i] = _index[(_start + i) % _index.Length];
            bytes[i] = _bytes[(_start + i) % _index.Length];
        }
        _index = index;
        _bytes = bytes;
        _start = 0;
    }
}
