using RaftChaos.Controller.Nemeses;
using RaftChaos.Workloads.Recording;

namespace RaftChaos.Controller.Tests.Nemeses;

/// <summary>The schedule with recording stand-in nemeses (no cluster): timing, turns, seeding.</summary>
public sealed class NemesisScheduleTests
{
    private sealed class Recording(string kind, List<string> log) : INemesis
    {
        public string Kind => kind;
        public string? Active { get; private set; }

        public Task StartAsync(NemesisContext context, CancellationToken cancellationToken)
        {
            log.Add("start " + kind);
            Active = kind;
            return Task.CompletedTask;
        }

        public Task StopAsync(NemesisContext context, CancellationToken cancellationToken)
        {
            log.Add("stop " + kind);
            Active = null;
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task RunAsync_EveryKind_EachStartsOncePerRoundInSeededOrder_AndEveryStartIsStopped()
    {
        var log = new List<string>();
        var nemeses = NemesisOptions.KindNames.Select(k => (INemesis)new Recording(k, log)).ToList();
        var options = new NemesisOptions { Interval = TimeSpan.FromSeconds(1), HoldFraction = 0.3, LeadIn = TimeSpan.Zero };
        using var recorder = HistoryRecorder.InMemory();
        var context = new NemesisContext(null!, new Random(42), recorder);
        var schedule = new NemesisSchedule(options, nemeses, context);

        // One start per second from 0 s, one per kind; the next would end after the limit.
        await schedule.RunAsync(TimeSpan.FromSeconds(nemeses.Count + 0.2), CancellationToken.None);

        var expected = nemeses.ToArray();
        new Random(42).Shuffle(expected);
        Assert.That(log, Is.EqualTo(expected.SelectMany(n => new[] { "start " + n.Kind, "stop " + n.Kind })));
        Assert.That(schedule.FaultsStarted, Is.EqualTo(nemeses.Count));
        Assert.That(schedule.ActiveFaults, Is.Empty);
    }

    [Test]
    public async Task RunAsync_NoTimeForOneFault_StartsNothing()
    {
        var log = new List<string>();
        using var recorder = HistoryRecorder.InMemory();
        var schedule = new NemesisSchedule(new NemesisOptions { Interval = TimeSpan.FromSeconds(10) },
            [new Recording("kill", log)], new NemesisContext(null!, new Random(1), recorder));
        await schedule.RunAsync(TimeSpan.FromSeconds(3), CancellationToken.None);
        Assert.That(log, Is.Empty);
    }
}
