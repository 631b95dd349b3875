using RaftChaos.Checker.History;
using RaftChaos.Controller.Nemeses;
using RaftChaos.Controller.Runs;

namespace RaftChaos.Controller.Tests.Runs;

public sealed class FailoverMeasurementTests
{
    private const long Ms = 1_000_000;

    [Test]
    public void From_LeaderKill_MeasuresToTheFirstWriteInvokedAfterIt()
    {
        HistoryEvent E(long i, int p, HistoryEventType t, string f, long ms) => new(i, ProcessId.Client(p), t, f, null, HistoryValue.Of(1), ms * Ms);
        var events = new[]
        {
            E(0, 1, HistoryEventType.Invoke, "write", 900),   // in flight across the kill: committed by the old leader
            E(1, 1, HistoryEventType.Ok, "write", 1010),
            E(2, 2, HistoryEventType.Invoke, "read", 1100),
            E(3, 2, HistoryEventType.Ok, "read", 1150),       // reads do not count
            E(4, 3, HistoryEventType.Invoke, "write", 1200),
            E(5, 3, HistoryEventType.Fail, "write", 1210),    // refused: not an acknowledged write
            E(6, 4, HistoryEventType.Invoke, "cas", 1500),
            E(7, 4, HistoryEventType.Ok, "cas", 1700),
        };
        var figures = FailoverMeasurement.From(TimeSpan.FromMilliseconds(650), 3, [new LeaderKill("n1", 1000 * Ms), new LeaderKill("n2", 5000 * Ms)], events);

        Assert.That(figures.KillToNextWriteMs.Select(k => k.Ms), Is.EqualTo(new double?[] { 700, null }));
        Assert.That(figures.MedianKillToNextWriteMs, Is.EqualTo(700));
        Assert.That(figures.TimeWithoutLeaderMs, Is.EqualTo(650));
        Assert.That(figures.Terms, Is.EqualTo(3));
    }
}
