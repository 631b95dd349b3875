using RaftChaos.Controller.Images;

namespace RaftChaos.Controller.Tests.Images;

/// <summary>The packaged image inputs (images/ beside the assembly) as the tool and the RaftChaos.Testing package lay them out.</summary>
public sealed class ImagePayloadTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("raftchaos-payload-test-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Test]
    public void Find_DockerfileAndEntryPresent_ReturnsTheImageFolder()
    {
        Write("images/nethelper/Dockerfile", "FROM raftchaos/base:bookworm");
        Write("images/nethelper/app/RaftChaos.Netem", "elf");

        Assert.That(ImagePayload.Find(_root, "nethelper", "RaftChaos.Netem"), Is.EqualTo(Path.Combine(_root, "images", "nethelper")));
    }

    [Test]
    public void Find_EntryMissing_ReturnsNullSoTheCheckoutBuildIsUsed()
    {
        Write("images/node/Dockerfile", "FROM raftchaos/base:bookworm");

        Assert.That(ImagePayload.Find(_root, "node", "RaftChaos.Node"), Is.Null);
    }

    [Test]
    public void Find_RecipeOnlyImage_NeedsOnlyTheDockerfile()
    {
        Assert.That(ImagePayload.Find(_root, "etcd", entry: null), Is.Null);
        Write("images/etcd/Dockerfile", "FROM raftchaos/base:bookworm");

        Assert.That(ImagePayload.Find(_root, "etcd", entry: null), Is.EqualTo(Path.Combine(_root, "images", "etcd")));
        Assert.That(ImagePayload.BaseScriptOf(Path.Combine(_root, "images", "etcd")), Is.EqualTo(Path.Combine(_root, "images", ImagePayload.BaseScript)));
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void CopyContext_RestoresTheEntrysExecuteBitThatAPackageDrops()
    {
        Write("images/node/Dockerfile", "FROM raftchaos/base:bookworm");
        var entry = Write("images/node/app/RaftChaos.Node", "elf");
        Write("images/node/app/lib/RaftChaos.Raft.dll", "dll");
        File.SetUnixFileMode(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var context = Path.Combine(_root, "context");

        ImagePayload.CopyContext(Path.Combine(_root, "images", "node"), context, "RaftChaos.Node");

        Assert.That(File.Exists(Path.Combine(context, "Dockerfile")), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(context, "app", "lib", "RaftChaos.Raft.dll")), Is.EqualTo("dll"));
        Assert.That(File.GetUnixFileMode(Path.Combine(context, "app", "RaftChaos.Node")) & UnixFileMode.OtherExecute, Is.EqualTo(UnixFileMode.OtherExecute));
    }

    [Test]
    public void Hash_DiffersByBaseImageAndByContent()
    {
        Write("images/a/Dockerfile", "FROM raftchaos/base:bookworm");
        Write("images/b/Dockerfile", "FROM raftchaos/base:bookworm\nRUN true");
        var a = Path.Combine(_root, "images", "a");

        Assert.That(ImagePayload.Hash(a, "sha256:1"), Is.EqualTo(ImagePayload.Hash(a, "sha256:1")).And.Length.EqualTo(12));
        Assert.That(ImagePayload.Hash(a, "sha256:2"), Is.Not.EqualTo(ImagePayload.Hash(a, "sha256:1")));
        Assert.That(ImagePayload.Hash(Path.Combine(_root, "images", "b"), "sha256:1"), Is.Not.EqualTo(ImagePayload.Hash(a, "sha256:1")));
    }
}
