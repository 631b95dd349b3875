using System.Globalization;

namespace RaftChaos.Nightly;

/// <summary>
/// Where nights live: <c>STORE/nightly/yyyy-MM-dd/</c>, or <c>yyyy-MM-ddTHHmmss</c> when that day already has a night
/// (both sort by time as text, which the trend relies on).
/// </summary>
public static class NightlyStore
{
    /// <summary>The folder under the store that holds the nights.</summary>
    public const string Folder = "nightly";

    /// <summary><c>STORE/nightly</c>.</summary>
    public static string NightsDirectory(string store) => Path.Combine(store, Folder);

    /// <summary>Creates and returns the folder of a night starting at <paramref name="now"/> (UTC).</summary>
    public static string CreateNight(string store, DateTimeOffset now)
    {
        var nights = NightsDirectory(store);
        var utc = now.UtcDateTime;
        var path = Path.Combine(nights, utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (Directory.Exists(path))
        {
            path = Path.Combine(nights, utc.ToString("yyyy-MM-dd'T'HHmmss", CultureInfo.InvariantCulture));
            for (var n = 2; Directory.Exists(path); n++)
            {
                path = Path.Combine(nights, utc.ToString("yyyy-MM-dd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + n.ToString(CultureInfo.InvariantCulture));
            }
        }

        Directory.CreateDirectory(path);
        return Path.GetFullPath(path);
    }
}
