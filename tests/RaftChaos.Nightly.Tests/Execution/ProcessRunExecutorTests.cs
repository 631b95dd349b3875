using RaftChaos.Runs;
using System.Diagnostics;
using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Tests.Support;

namespace RaftChaos.Nightly.Tests.Execution;

/// <summary>
/// The process plumbing against a stand-in for <c>raftchaos</c> (a bash script that files a run folder the way
/// <c>raftchaos run</c> does), so arguments, folder discovery, exit codes and Ctrl-C forwarding are tested without Docker.
/// </summary>
public sealed class ProcessRunExecutorTests
{
    private const string Fake = """
        #!/bin/bash
        # Stand-in for raftchaos: `run ... --store S --name N`; the behaviour comes from FAKE_MODE.
        store=; name=
        echo "args: $*"
        while [ $# -gt 0 ]; do case "$1" in --store) store=$2; shift;; --name) name=$2; shift;; esac; shift; done
        dir="$store/$name/20261126T040000"
        case "$FAKE_MODE" in
          valid) mkdir -p "$dir"; cp "$FAKE_FILES/results.json" "$FAKE_FILES/history.jsonl" "$dir/"; echo "verdict: valid"; exit 0;;
          crash) echo "the run failed: image build" >&2; exit 70;;
          noengine) echo "no Docker engine" >&2; exit 69;;
          slow) trap 'echo "got SIGTERM, cleaning up"; mkdir -p "$dir"; cp "$FAKE_FILES/history.jsonl" "$dir/"; exit 130' TERM
                sleep 30 & wait; exit 0;;
        esac
        """;

    private TempDirectory dir = null!;
    private string script = null!;
    private string files = null!;

    [SetUp]
    public void SetUp()
    {
        dir = new TempDirectory();
        script = Path.Combine(dir.Path, "raftchaos");
        File.WriteAllText(script, Fake.Replace("\r\n", "\n"));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        files = Path.Combine(dir.Path, "files");
        Directory.CreateDirectory(files);
        File.WriteAllText(Path.Combine(files, "results.json"), RunFolders.Results("valid"));
        File.WriteAllText(Path.Combine(files, "history.jsonl"), RunFolders.ValidHistory);
    }

    [TearDown]
    public void TearDown() => dir.Dispose();

    private ProcessRunExecutor Executor(string mode, TimeSpan? grace = null) => new(new ProcessRunExecutorOptions
    {
        Command = [script],
        Environment = new Dictionary<string, string> { ["FAKE_MODE"] = mode, ["FAKE_FILES"] = files },
        InterruptGrace = grace ?? TimeSpan.FromSeconds(20),
    });

    private static RaftChaos.Nightly.Planning.PlannedRun Run() => Outcomes.Plan(runs: 1, matrix: false).Runs[0];

    [Test]
    public async Task ExecuteAsync_ValidRun_FindsFolderAndReadsIt()
    {
        var store = Path.Combine(dir.Path, "runs");
        var outcome = await Executor("valid").ExecuteAsync(Run(), store, CancellationToken.None);
        Assert.That(outcome.Verdict, Is.EqualTo(RunVerdict.Valid), outcome.Error);
        Assert.That(outcome.ExitCode, Is.Zero);
        Assert.That(outcome.Folder, Is.EqualTo(Path.Combine(store, Run().Name, "20261126T040000")));
        Assert.That(outcome.Counts, Is.EqualTo(new RunCounts(3, 2, 1, 0, 0)));
        var log = File.ReadAllText(Path.Combine(store, Run().Name + ".console.log"));
        Assert.That(log, Does.Contain($"args: run --nodes 3 --workload register --nemesis all --time-limit 15 --seed {Run().Seed} --store {store} --name {Run().Name}"));
        Assert.That(log, Does.Contain("verdict: valid"));
    }

    [TestCase("crash", 70)]
    [TestCase("noengine", 69)]
    public async Task ExecuteAsync_RunFailsWithoutFolder_ErrorWithExitCodeAndLog(string mode, int exitCode)
    {
        var store = Path.Combine(dir.Path, "runs");
        var outcome = await Executor(mode).ExecuteAsync(Run(), store, CancellationToken.None);
        Assert.That(outcome.Verdict, Is.EqualTo(RunVerdict.Error));
        Assert.That(outcome.ExitCode, Is.EqualTo(exitCode));
        Assert.That(outcome.Error, Does.Contain("no run folder was written").And.Contain(".console.log"));
    }

    [Test]
    public async Task ExecuteAsync_Cancelled_SendsOneSigTermAndWaitsForCleanUp()
    {
        var store = Path.Combine(dir.Path, "runs");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var watch = Stopwatch.StartNew();
        var outcome = await Executor("slow").ExecuteAsync(Run(), store, cts.Token);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        Assert.That(outcome.Verdict, Is.EqualTo(RunVerdict.Interrupted));
        Assert.That(outcome.ExitCode, Is.EqualTo(130));
        Assert.That(outcome.Counts, Is.Not.Null, "what the run filed while cleaning up is still read");
        Assert.That(File.ReadAllText(Path.Combine(store, Run().Name + ".console.log")), Does.Contain("got SIGTERM, cleaning up"));
    }

    [Test]
    public void ForAssembly_AppHostBesideDll_UsesIt()
    {
        var dll = Path.Combine(dir.Path, "raftchaos.dll");
        File.WriteAllText(dll, "");
        Assert.That(ProcessRunExecutorOptions.ForAssembly(dll), Is.EqualTo(new[] { script }));
        File.Delete(script);
        Assert.That(ProcessRunExecutorOptions.ForAssembly(dll)[^1], Is.EqualTo(dll));
    }
}
