using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace RaftChaos.Controller.Images;

/// <summary>
/// What a package carries so that the node image can be built without this checkout: a folder <c>node-image/</c> beside
/// the running assembly with the node's self-contained publish (<c>app/</c>), its <c>Dockerfile</c> and the base image
/// script (<c>build-base.sh</c>). <c>dotnet pack</c> makes it (Images/NodeImagePayload.targets); the RaftChaos.Testing
/// package copies it into the test project's output, the raftchaos tool carries it in its own folder.
/// </summary>
internal static class NodeImagePayload
{
    /// <summary>The folder's name beside the assembly.</summary>
    public const string FolderName = "node-image";

    /// <summary>The base image script inside the folder.</summary>
    public const string BaseScript = "build-base.sh";

    private const string Entry = "RaftChaos.Node";

    // Hashing ~100 MB takes a fraction of a second: once per folder and process, not once per cluster.
    private static readonly ConcurrentDictionary<string, string> ContentHashes = new(StringComparer.Ordinal);

    /// <summary>The payload folder under <paramref name="directory"/>, or null when there is none (a checkout's build output).</summary>
    public static string? Find(string directory)
    {
        var folder = Path.Combine(directory, FolderName);
        return File.Exists(Path.Combine(folder, "Dockerfile")) && File.Exists(Path.Combine(folder, "app", Entry)) ? folder : null;
    }

    /// <summary>A 12-hex-digit tag: the payload's files (names and bytes) and the base image id.</summary>
    public static string Hash(string folder, string baseImageId)
    {
        var content = ContentHashes.GetOrAdd(folder, HashContent);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"payload:{content}\nbase:{baseImageId}\n")))[..12];
    }

    /// <summary>
    /// Copies the Dockerfile and app/ into <paramref name="context"/> and makes the node's entry point executable again:
    /// a package keeps no Unix file modes, and the image runs the file as it was copied.
    /// </summary>
    public static void CopyContext(string folder, string context)
    {
        File.Copy(Path.Combine(folder, "Dockerfile"), Path.Combine(context, "Dockerfile"));
        var app = Path.Combine(folder, "app");
        foreach (var file in Directory.EnumerateFiles(app, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(context, "app", Path.GetRelativePath(app, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        // The mode only matters inside the Linux image; on Windows the build context carries no modes to fix.
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(Path.Combine(context, "app", Entry),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static string HashContent(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(folder, file)));
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
