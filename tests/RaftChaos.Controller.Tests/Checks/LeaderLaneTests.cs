using RaftChaos.Controller.Checks;

namespace RaftChaos.Controller.Tests.Checks;

public sealed class LeaderLaneTests
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 26, 7, 12, 10, TimeSpan.Zero);

    private static string Leader(string node, int term, string at) =>
        $"{at} ts=2026-11-26T07:12:10.178Z level=info node={node} event=RoleChanged role=leader previous_role=candidate term={term} leader={node} msg=\"role changed\"";

    [Test]
    public void From_OneSegmentPerTerm_FromItsFirstLeaderLineToTheNextTerm()
    {
        var lines = new[]
        {
            Leader("n2", 5, "2026-11-26T07:12:14.000000000Z"),
            Leader("n1", 2, "2026-11-26T07:12:11.000000000Z"),
            "2026-11-26T07:12:12.000000000Z ts=x level=info node=n3 event=RoleChanged role=follower term=5",
            Leader("n3", 5, "2026-11-26T07:12:15.500000000Z"), // a second leader of term 5: both are named
        };

        var lane = LeaderLane.From(lines, Origin);

        Assert.That(lane.Name, Is.EqualTo("leader"));
        Assert.That(lane.Segments.Select(s => (s.StartSeconds, s.EndSeconds, s.Text)), Is.EqualTo(new (double, double?, string)[]
        {
            (1.0, 4.0, "n1 (term 2)"),
            (4.0, null, "n2 + n3 (term 5)"),
        }));
    }

    [Test]
    public void From_NoLeaderLines_EmptyLane() =>
        Assert.That(LeaderLane.From(["2026-11-26T07:12:11Z unrelated"], Origin).Segments, Is.Empty);
}
