namespace RaftChaos.Storage;

/// <summary>
/// Thrown on open or load when the data directory is damaged in a way recovery must not paper over
/// (a bad record with valid records after it, a missing segment or snapshot): starting anyway could
/// silently drop committed entries. The message names the file, the byte offset and what to do.
/// </summary>
public sealed class StorageCorruptException : IOException
{
    public StorageCorruptException(string message, string file, long offset)
        : base(message)
    {
        File = file;
        Offset = offset;
    }

    /// <summary>The damaged file.</summary>
    public string File { get; }

    /// <summary>Byte offset of the damaged record in <see cref="File"/> (0 when the whole file is at fault).</summary>
    public long Offset { get; }
}
