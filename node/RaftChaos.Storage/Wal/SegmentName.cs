using System.Globalization;

namespace RaftChaos.Storage.Wal;

/// <summary>
/// A segment file name: <c>{sequence:D20}-{firstIndex:D20}.seg</c>. Sequence numbers start at 1 and have no
/// gaps; firstIndex is the index the log expected next when the segment was opened, so every entry still
/// live in an earlier segment has an index below it (that is what lets a snapshot delete earlier segments).
/// </summary>
internal sealed record SegmentName(ulong Sequence, ulong FirstIndex)
{
    public const string Extension = ".seg";

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Sequence:D20}-{FirstIndex:D20}{Extension}");

    public static SegmentName? TryParse(string fileName)
    {
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = fileName[..^Extension.Length].Split('-');
        if (parts.Length == 2
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong sequence)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong firstIndex))
        {
            return new SegmentName(sequence, firstIndex);
        }

        return null;
    }
}
