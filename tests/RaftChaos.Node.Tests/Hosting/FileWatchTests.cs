using RaftChaos.Node.Tests.Cluster;

namespace RaftChaos.Node.Tests.Hosting;

/// <summary>
/// The node reads no settings files, so it must not watch any: the web host's default watches its content
/// root recursively for appsettings changes, and in the image that root was "/" (2,681 inotify watches, and a
/// thread woken by every WAL write).
/// </summary>
[NonParallelizable]
public class FileWatchTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task RunningNode_HoldsNoInotifyWatches(CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("inotify is Linux's");
        }
        using var cluster = LocalCluster.Start(1);
        var node = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(20), ct);

        var watches = InotifyWatches(node.Pid);

        Assert.That(watches, Is.Empty, $"inotify watches held by the node:{Environment.NewLine}{string.Join(Environment.NewLine, watches.Take(5))}");
    }

    /// <summary>The "inotify wd:..." lines of every inotify descriptor the process holds.</summary>
    private static List<string> InotifyWatches(int pid)
    {
        var watches = new List<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            if (new FileInfo(fd).LinkTarget != "anon_inode:inotify")
            {
                continue;
            }
            var info = $"/proc/{pid}/fdinfo/{Path.GetFileName(fd)}";
            watches.AddRange(File.ReadLines(info).Where(l => l.StartsWith("inotify ", StringComparison.Ordinal)));
        }
        return watches;
    }
}
