using System.Text;
using RaftChaos.Checker.History;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;
using RaftChaos.Workloads.Recording;
using RaftChaos.Workloads.Tests.Support;

namespace RaftChaos.Workloads.Tests.Recording;

public sealed class HistoryRecorderTests
{
    [Test]
    public void Record_FakeClock_TimesAreNanosecondsSinceCreationAndIndexesCount()
    {
        var clock = new ManualClock();
        using var recorder = HistoryRecorder.InMemory(clock);
        var write = WorkloadOperation.Write(null, 3);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        recorder.RecordInvoke(ProcessId.Client(0), write);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        recorder.RecordNemesis("start-partition", new RawJsonValue("""{"n1":["n2","n3"]}"""));
        clock.Advance(TimeSpan.FromMilliseconds(3));
        recorder.RecordCompletion(ProcessId.Client(0), write, OperationOutcome.Ok());

        var lines = recorder.Events.Select(e => HistoryWriter.FormatLine(e, withNewline: false));
        Assert.That(lines, Is.EqualTo(new[]
        {
            """{"index":0,"process":0,"type":"invoke","f":"write","key":null,"value":3,"time":1000000}""",
            """{"index":1,"process":"nemesis","type":"info","f":"start-partition","value":{"n1":["n2","n3"]},"time":3000000}""",
            """{"index":2,"process":0,"type":"ok","f":"write","key":null,"value":3,"time":6000000}""",
        }));
    }

    [Test]
    public void RecordCompletion_OutcomeWithReasonNodeAndRedirect_WritesErrorNodeAndRedirectedFrom()
    {
        var clock = new ManualClock();
        using var recorder = HistoryRecorder.InMemory(clock);
        var write = WorkloadOperation.Write("k", 3);
        var cas = WorkloadOperation.Cas("k", 1, 2);

        recorder.RecordInvoke(ProcessId.Client(0), write);
        recorder.RecordCompletion(ProcessId.Client(0), write, OperationOutcome.Ok() with { Node = "n2", RedirectedFrom = "n1" });
        recorder.RecordInvoke(ProcessId.Client(0), cas);
        recorder.RecordCompletion(ProcessId.Client(0), cas, OperationOutcome.Fail("precondition false", ErrorCode.CasMismatch) with { Node = "n2" });

        var lines = recorder.Events.Select(e => HistoryWriter.FormatLine(e, withNewline: false));
        Assert.That(lines, Is.EqualTo(new[]
        {
            """{"index":0,"process":0,"type":"invoke","f":"write","key":"k","value":3,"time":0}""",
            """{"index":1,"process":0,"type":"ok","f":"write","key":"k","value":3,"time":0,"node":"n2","redirected-from":"n1"}""",
            """{"index":2,"process":0,"type":"invoke","f":"cas","key":"k","value":[1,2],"time":0}""",
            """{"index":3,"process":0,"type":"fail","f":"cas","key":"k","value":[1,2],"time":0,"error":"cas-mismatch","node":"n2"}""",
        }));
    }

    [Test]
    public void Record_ClockStepsBack_TimeNeverDecreases()
    {
        var clock = new ManualClock();
        using var recorder = HistoryRecorder.InMemory(clock);

        clock.Advance(TimeSpan.FromSeconds(1));
        recorder.RecordNemesis("a");
        clock.StepBack(TimeSpan.FromMilliseconds(500));
        var second = recorder.RecordNemesis("b");

        Assert.That(second.Time, Is.EqualTo(1_000_000_000));
    }

    [Test]
    public void RecordCompletion_Values_OkReadCarriesObservedOthersCarryInvokeValue()
    {
        using var recorder = HistoryRecorder.InMemory();
        var read = WorkloadOperation.Read("k1");
        var cas = WorkloadOperation.Cas("k1", 1, 2);

        recorder.RecordInvoke(ProcessId.Client(1), read);
        var readOk = recorder.RecordCompletion(ProcessId.Client(1), read, OperationOutcome.OkRead(HistoryValue.Of(4)));
        recorder.RecordInvoke(ProcessId.Client(1), cas);
        var casFail = recorder.RecordCompletion(ProcessId.Client(1), cas, OperationOutcome.Fail("precondition false"));
        recorder.RecordInvoke(ProcessId.Client(1), cas);
        var casInfo = recorder.RecordCompletion(ProcessId.Client(1), cas, OperationOutcome.Info("timeout"));

        Assert.Multiple(() =>
        {
            Assert.That((readOk.Type, readOk.Value), Is.EqualTo((HistoryEventType.Ok, HistoryValue.Of(4))));
            Assert.That((casFail.Type, casFail.Value), Is.EqualTo((HistoryEventType.Fail, cas.Value)));
            Assert.That((casInfo.Type, casInfo.Value), Is.EqualTo((HistoryEventType.Info, cas.Value)));
        });
    }

    [Test]
    public void Record_ProcessDisciplineBroken_Throws()
    {
        using var recorder = HistoryRecorder.InMemory();
        var write = WorkloadOperation.Write("k", 1);

        Assert.Throws<InvalidOperationException>(() => recorder.RecordCompletion(ProcessId.Client(0), write, OperationOutcome.Ok()));
        recorder.RecordInvoke(ProcessId.Client(0), write);
        Assert.Throws<InvalidOperationException>(() => recorder.RecordInvoke(ProcessId.Client(0), write));
        Assert.Throws<InvalidOperationException>(() => recorder.RecordCompletion(ProcessId.Client(0), WorkloadOperation.Read("k"), OperationOutcome.Ok()));
    }

    [Test]
    public async Task Record_ManyThreads_IndexesDenseTimesOrderedFileParsesBackAndPairs()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"recorder-{Guid.NewGuid():N}.jsonl");
        const int processes = 8;
        const int perProcess = 500;
        var recorder = HistoryRecorder.ToFile(path, keepEvents: true);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, processes).Select(p => Task.Run(() =>
            {
                for (var i = 0; i < perProcess; i++)
                {
                    var operation = WorkloadOperation.Write("k" + (i % 3), i);
                    recorder.RecordInvoke(ProcessId.Client(p), operation);
                    recorder.RecordCompletion(ProcessId.Client(p), operation, i % 10 == 0 ? OperationOutcome.Fail("x") : OperationOutcome.Ok());
                    if (p == 0 && i % 50 == 0)
                    {
                        recorder.RecordNemesis("tick");
                    }
                }
            })));
            var snapshot = recorder.Snapshot();
            var inMemory = recorder.Events;
            recorder.Dispose();

            using var reader = HistoryReader.Open(path);
            var fromFile = reader.ReadAll().ToList();
            Assert.Multiple(() =>
            {
                Assert.That(fromFile, Is.EqualTo(inMemory));
                Assert.That(fromFile.Select(e => e.Index), Is.EqualTo(Enumerable.Range(0, fromFile.Count).Select(i => (long)i)));
                Assert.That(fromFile.Select(e => e.Time), Is.Ordered);
                Assert.That(snapshot.Total, Is.EqualTo(new OperationCounts(4000, 3600, 400, 0)));
                Assert.That(snapshot.ByFunction.Keys, Is.EqualTo(new[] { "write" }));
                Assert.That(snapshot.NemesisEventCount, Is.EqualTo(10));
                Assert.That(snapshot.EventCount, Is.EqualTo(8010));
            });
            Assert.That(OperationHistory.FromEvents(fromFile).Operations, Has.Count.EqualTo(processes * perProcess));
        }
        finally
        {
            recorder.Dispose();
            File.Delete(path);
        }
    }

    [Test]
    public void Dispose_Twice_IsHarmlessAndRecordingAfterwardsThrows()
    {
        var stream = new MemoryStream();
        var recorder = new HistoryRecorder(new HistoryWriter(stream, leaveOpen: true));
        recorder.RecordNemesis("start-kill", HistoryValue.Of("n1"));

        recorder.Dispose();
        recorder.Dispose();

        Assert.That(Encoding.UTF8.GetString(stream.ToArray()), Does.StartWith("""{"index":0,"process":"nemesis","type":"info","f":"start-kill","value":"n1","time":"""));
        Assert.Throws<ObjectDisposedException>(() => recorder.RecordNemesis("again"));
    }

    [Test]
    public void Events_NotKept_Throws()
    {
        using var recorder = new HistoryRecorder(null);

        Assert.Throws<InvalidOperationException>(() => _ = recorder.Events);
    }
}
