using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RaftChaos.Node.Client;

/// <summary>
/// A disk fault in the node's storage, as its disk-fault file spells it (see the node's <c>--disk-fault-file</c>; the
/// controller writes the file with the same spelling). Each applies to every fdatasync of the write-ahead log:
/// <list type="bullet">
/// <item><c>fsync-delay=MS</c>: the sync stalls MS milliseconds (a slow or saturated disk), then succeeds.</item>
/// <item><c>fsync-error</c>: the sync fails with EIO and the batch is not on the disk; a correct node stops.</item>
/// </list>
/// </summary>
/// <param name="Name">The fault's name.</param>
/// <param name="DelayMs">The stall of fsync-delay, in milliseconds; 0 for fsync-error.</param>
public sealed record DiskFaultSpec(string Name, int DelayMs = 0)
{
    /// <summary>The name of the stalled-disk fault.</summary>
    public const string FsyncDelay = "fsync-delay";

    /// <summary>The name of the failing-disk fault.</summary>
    public const string FsyncError = "fsync-error";

    /// <summary>The longest stall accepted: a minute, far beyond any election timeout.</summary>
    public const int MaxDelayMs = 60_000;

    /// <summary>Every disk fault a node knows.</summary>
    public static IReadOnlyList<string> Names { get; } = [FsyncDelay, FsyncError];

    /// <summary>
    /// Parses <c>fsync-delay=MS</c> or <c>fsync-error</c>; empty text or <c>none</c> is no fault (<paramref name="spec"/>
    /// null, true). <paramref name="error"/> says what is wrong and gives an example.
    /// </summary>
    public static bool TryParse(string? text, out DiskFaultSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        error = null;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0 || trimmed == "none")
        {
            return true;
        }
        var parts = trimmed.Split('=', 2, StringSplitOptions.TrimEntries);
        switch (parts[0])
        {
            case FsyncError when parts.Length == 1:
                spec = new DiskFaultSpec(FsyncError);
                return true;
            case FsyncDelay when parts.Length == 2
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is >= 1 and <= MaxDelayMs:
                spec = new DiskFaultSpec(FsyncDelay, ms);
                return true;
            case FsyncError:
                error = $"'{trimmed}': fsync-error takes no value";
                return false;
            case FsyncDelay:
                error = $"'{trimmed}': give the stall in milliseconds after '=', from 1 to {MaxDelayMs}, e.g. fsync-delay=200";
                return false;
            default:
                error = $"unknown disk fault '{parts[0]}' (known: fsync-delay=MS, fsync-error, none)";
                return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name == FsyncDelay ? string.Create(CultureInfo.InvariantCulture, $"{Name}={DelayMs}") : Name;
}
