using System.Globalization;

namespace RaftChaos.Storage.Snapshots;

/// <summary>A snapshot file name: <c>{index:D20}-{term:D20}.snap</c>, so name order is index order.</summary>
internal sealed record SnapshotName(ulong Index, ulong Term)
{
    public const string Extension = ".snap";

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Index:D20}-{Term:D20}{Extension}");

    public static SnapshotName? TryParse(string fileName)
    {
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = fileName[..^Extension.Length].Split('-');
        if (parts.Length == 2
            && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong index)
            && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong term))
        {
            return new SnapshotName(index, term);
        }

        return null;
    }
}
