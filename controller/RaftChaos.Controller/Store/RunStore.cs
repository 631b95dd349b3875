using System.Globalization;

namespace RaftChaos.Controller.Store;

/// <summary>
/// The run store: <c>STORE/NAME/yyyyMMddTHHmmss/</c> per run (history.jsonl, results.json, report.html, nodes/ID.log,
/// controller.log) and <c>STORE/latest</c>, a relative symbolic link to the newest run folder.
/// </summary>
public static class RunStore
{
    /// <summary>The name of the link to the newest run.</summary>
    public const string LatestLink = "latest";

    /// <summary>Creates the folder of a run started at <paramref name="startedAt"/> (a suffix -2, -3 when two runs share a second).</summary>
    public static string CreateRunDirectory(string storeRoot, string testName, DateTimeOffset startedAt)
    {
        ValidateName(testName);
        var stamp = startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var parent = Path.Combine(Path.GetFullPath(storeRoot), testName);
        Directory.CreateDirectory(parent);
        for (var attempt = 1; ; attempt++)
        {
            var path = Path.Combine(parent, attempt == 1 ? stamp : $"{stamp}-{attempt}");
            if (Directory.Exists(path)) continue;
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>Points <c>STORE/latest</c> at <paramref name="runDirectory"/> (relative, so the store can be moved).</summary>
    public static void UpdateLatest(string storeRoot, string runDirectory)
    {
        var root = Path.GetFullPath(storeRoot);
        var link = Path.Combine(root, LatestLink);
        // File.Exists follows the link, so a link to a removed run would look absent: ask for the link itself.
        var existing = new FileInfo(link);
        if (existing.LinkTarget is not null || existing.Exists) existing.Delete();
        File.CreateSymbolicLink(link, Path.GetRelativePath(root, runDirectory));
    }

    /// <summary>Throws unless the name is usable as one folder name: 1-100 characters of letters, digits, '-', '_', '.'.</summary>
    public static void ValidateName(string testName)
    {
        if (string.IsNullOrEmpty(testName) || testName.Length > 100 || testName is "." or ".." or LatestLink
            || !testName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"test name '{testName}' must be 1-100 characters of letters, digits, '-', '_', '.' (and not 'latest')", nameof(testName));
    }
}
