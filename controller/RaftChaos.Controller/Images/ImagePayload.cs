using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace RaftChaos.Controller.Images;

/// <summary>
/// What a package carries so that every image of the bed can be built without this checkout: a folder <c>images/</c>
/// beside the running assembly with one folder per image (<c>node/</c>: the node's self-contained publish in <c>app/</c>
/// and its Dockerfile; <c>nethelper/</c>: the netem delayer's trimmed publish and its Dockerfile; <c>etcd/</c>: its
/// Dockerfile) and the base image script (<c>build-base.sh</c>). <c>dotnet pack</c> makes it (Images/ImagePayload.targets);
/// the RaftChaos.Testing package copies it into the test project's output, the raftchaos tool carries it in its own
/// folder. In a checkout there is none, and the images are built from the sources.
/// </summary>
internal static class ImagePayload
{
    /// <summary>The folder's name beside the assembly.</summary>
    public const string FolderName = "images";

    /// <summary>The base image script inside the folder.</summary>
    public const string BaseScript = "build-base.sh";

    // Hashing ~100 MB takes a fraction of a second: once per folder and process, not once per cluster.
    private static readonly ConcurrentDictionary<string, string> ContentHashes = new(StringComparer.Ordinal);

    /// <summary>
    /// The payload folder of image <paramref name="image"/> ("node", "nethelper", "etcd") beside the running assembly, or
    /// null when there is none (a checkout's build output). <paramref name="entry"/>: a program its app/ must hold.
    /// </summary>
    public static string? Find(string image, string? entry) => Find(AppContext.BaseDirectory, image, entry);

    /// <summary>The same under <paramref name="directory"/>.</summary>
    public static string? Find(string directory, string image, string? entry)
    {
        var folder = Path.Combine(directory, FolderName, image);
        var complete = File.Exists(Path.Combine(folder, "Dockerfile")) && (entry is null || File.Exists(Path.Combine(folder, "app", entry)));
        return complete ? folder : null;
    }

    /// <summary>The base image script of the payload that holds <paramref name="imageFolder"/>.</summary>
    public static string BaseScriptOf(string imageFolder) => Path.Combine(Path.GetDirectoryName(imageFolder)!, BaseScript);

    /// <summary>A 12-hex-digit tag: the image folder's files (names and bytes) and the base image id.</summary>
    public static string Hash(string imageFolder, string baseImageId)
    {
        var content = ContentHashes.GetOrAdd(imageFolder, HashContent);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"payload:{content}\nbase:{baseImageId}\n")))[..12];
    }

    /// <summary>
    /// Copies the image folder into <paramref name="context"/> and makes <paramref name="entry"/> (under app/) executable
    /// again: a package keeps no Unix file modes, and the image runs the file as it was copied.
    /// </summary>
    public static void CopyContext(string imageFolder, string context, string? entry)
    {
        foreach (var file in Directory.EnumerateFiles(imageFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(context, Path.GetRelativePath(imageFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        // The mode only matters inside the Linux image; on Windows the build context carries no modes to fix.
        if (entry is null || OperatingSystem.IsWindows())
        {
            return;
        }
        File.SetUnixFileMode(Path.Combine(context, "app", entry),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    /// <summary>
    /// Builds <paramref name="tags"/> from the image folder: its files copied into a temporary context (removed after),
    /// with <paramref name="buildArg"/> passed to the Dockerfile. Throws <see cref="NodeImageException"/> when the build fails.
    /// </summary>
    public static async Task BuildAsync(string imageFolder, string? entry, IReadOnlyList<string> tags, string buildArg, Action<string> log,
        CancellationToken cancellationToken)
    {
        var context = Directory.CreateTempSubdirectory("raftchaos-image-").FullName;
        try
        {
            log($"docker build {tags[0]} from the packaged {imageFolder}");
            CopyContext(imageFolder, context, entry);
            var args = new List<string> { "build", "--build-arg", buildArg };
            foreach (var tag in tags)
            {
                args.Add("-t");
                args.Add(tag);
            }
            args.Add(context);
            var name = Path.GetFileName(imageFolder);
            var image = await ImageCommands.RunAsync("docker", [.. args], Environment.CurrentDirectory, line => log($"  {name} | {line}"), cancellationToken)
                .ConfigureAwait(false);
            if (image.ExitCode != 0)
            {
                throw new NodeImageException($"docker build of {tags[0]} failed:\n" + image.Output);
            }
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
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
