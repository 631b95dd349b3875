using RaftChaos.Workloads.Running;

namespace RaftChaos.Workloads.Tests.Running;

public sealed class RateScheduleTests
{
    // Simulates processes in fake time: each issues an operation taking `duration`, then waits for its schedule.
    private static int CountOperations(double rate, int concurrency, TimeSpan limit, TimeSpan duration, int seed)
    {
        var count = 0;
        for (var slot = 0; slot < concurrency; slot++)
        {
            var schedule = new RateSchedule(rate / concurrency, new Random(seed * 1000 + slot));
            var due = schedule.First();
            while (due < limit)
            {
                count++;
                var finished = due + duration;
                due = schedule.Next(due, finished);
            }
        }

        return count;
    }

    [TestCase(100.0, 10)]
    [TestCase(1000.0, 10)]
    [TestCase(50.0, 3)]
    [TestCase(5.0, 20)]
    public void Schedule_FastOperations_RateWithinFivePercent(double rate, int concurrency)
    {
        var limit = TimeSpan.FromSeconds(60);

        var count = CountOperations(rate, concurrency, limit, TimeSpan.FromMilliseconds(1), seed: 7);

        Assert.That(count, Is.InRange(rate * 60 * 0.95, rate * 60 * 1.05));
    }

    [Test]
    public void Schedule_SlowOperations_LoadDropsWithoutBursts()
    {
        // 10 processes at 100 ops/s want one op per 100 ms each; an op that takes 200 ms caps each at 5 ops/s.
        var count = CountOperations(100, 10, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200), seed: 7);

        Assert.That(count, Is.InRange(10 * 5 * 60 * 0.95, 10 * 5 * 60 * 1.05));
    }

    [Test]
    public void Next_Gaps_JitteredAroundTheInterval()
    {
        var schedule = new RateSchedule(10, new Random(1));
        var gaps = new List<double>();
        var previous = schedule.First();
        for (var i = 0; i < 1000; i++)
        {
            var next = schedule.Next(previous, previous);
            gaps.Add((next - previous).TotalMilliseconds);
            previous = next;
        }

        Assert.That(gaps.Min(), Is.GreaterThanOrEqualTo(50));
        Assert.That(gaps.Max(), Is.LessThanOrEqualTo(150));
        Assert.That(gaps.Distinct().Count(), Is.GreaterThan(900));
    }

    [Test]
    public void Constructor_NonPositiveRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateSchedule(0, new Random(1)));
    }
}
