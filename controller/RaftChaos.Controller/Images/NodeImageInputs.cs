using System.Security.Cryptography;
using System.Text;

namespace RaftChaos.Controller.Images;

/// <summary>
/// The hash that tags the node image: every source file under <c>node/</c> and <c>common/</c> (source compiled into
/// the node; bin/ and obj/ left out), the
/// shared build props, and the base image's id. Equal inputs give an equal tag, so an unchanged tree
/// reuses the image and any change (code, Dockerfile, package versions, base) rebuilds it.
/// </summary>
internal static class NodeImageInputs
{
    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props"];
    private static readonly string[] SourceFolders = ["node", "common"];

    /// <summary>A 12-hex-digit hash of the inputs found under <paramref name="repoRoot"/>.</summary>
    public static string Hash(string repoRoot, string baseImageId) => Hash(repoRoot, baseImageId, SourceFolders);

    /// <summary>The same hash over other source folders (the network helper image: its delayer and common/).</summary>
    public static string Hash(string repoRoot, string baseImageId, IReadOnlyList<string> sourceFolders)
    {
        var files = sourceFolders.Select(folder => Path.Combine(repoRoot, folder)).Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(Path.GetRelativePath(repoRoot, f)))
            .Concat(RootFiles.Select(f => Path.Combine(repoRoot, f)).Where(File.Exists))
            .Select(f => Path.GetRelativePath(repoRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes("base:" + baseImageId + "\n"));
        foreach (var relative in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(repoRoot, relative)));
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static bool IsBuildOutput(string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar, '/');
        return parts.Any(p => p is "bin" or "obj" || p.StartsWith('.'));
    }
}
