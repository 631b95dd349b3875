namespace RaftChaos.Controller.Engine;

/// <summary>
/// A read-only pass-through stream that reports how many bytes went through, once per <c>step</c> bytes: the progress
/// of an image shipped between engines, which the engine's load call reports only at the end.
/// </summary>
internal sealed class ProgressStream(Stream inner, long step, Action<long> report) : Stream
{
    private readonly long _step = step;
    private long _position;
    private long _nextReport = step;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Interlocked.Read(ref _position);
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        var position = Interlocked.Add(ref _position, read);
        if (position >= _nextReport)
        {
            _nextReport = position + _step;
            report(position);
        }
        return read;
    }
}
