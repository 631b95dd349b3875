using RaftChaos.Checker.History;
using RaftChaos.Controller.Tests.Docker.Cluster;
using RaftChaos.Workloads.Clients;
using RaftChaos.Workloads.Generators;

namespace RaftChaos.Controller.Tests.Docker.Etcd;

/// <summary>
/// The etcd client's append against real etcd 3.4: one Txn attempt on the key's mod_revision per recorded operation, so
/// concurrent appends to one key each end ok (in the value exactly once) or fail cas-mismatch (nowhere in it), never
/// both and never applied twice.
/// </summary>
[TestFixture, Category("docker")]
public sealed class EtcdAppendTests
{
    [Test]
    public async Task Append_ConcurrentOnOneKey_LostComparesFailAndWriteNothing_OkPiecesAppearOnce()
    {
        var ct = ClusterFixture.Timeout(120);
        await using var cluster = await EtcdClusterTests.StartAsync(ct);
        var endpoints = cluster.CreateEndpoints();
        try
        {
            // 8 processes over the 3 members, 10 appends each, all to one key: many Range-then-Txn windows overlap.
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async process =>
            {
                var endpoint = endpoints[process % endpoints.Count];
                var mine = new List<(string Piece, OperationOutcome Outcome)>();
                for (var i = 0; i < 10; i++)
                {
                    var piece = $"a{process}.{i};";
                    mine.Add((piece, await endpoint.ExecuteAsync(WorkloadOperation.Append("s", piece), ct)));
                }
                return mine;
            }));
            var all = outcomes.SelectMany(o => o).ToList();
            var final = await endpoints[0].ExecuteAsync(new WorkloadOperation("get", "s", HistoryValue.Null), ct);
            var text = ((StringValue)final.Observed!).Value;
            var ok = all.Where(o => o.Outcome.Kind == OutcomeKind.Ok).Select(o => o.Piece).ToList();
            var failed = all.Where(o => o.Outcome.Kind != OutcomeKind.Ok).ToList();
            TestContext.Out.WriteLine($"{ok.Count} ok, {failed.Count} failed; value {text}");

            Assert.Multiple(() =>
            {
                Assert.That(failed.Select(f => (f.Outcome.Kind, f.Outcome.Error)), Has.All.EqualTo((OutcomeKind.Fail, (ErrorCode?)ErrorCode.CasMismatch)),
                    "with every member up, the only way an append ends not ok is a lost compare");
                Assert.That(ok, Is.Not.Empty);
                Assert.That(ok.Select(p => Occurrences(text, p)), Has.All.EqualTo(1), "an acknowledged append is in the value once");
                Assert.That(failed.Select(f => Occurrences(text, f.Piece)), Has.All.EqualTo(0), "a lost compare wrote nothing: no second attempt");
                Assert.That(text.Length, Is.EqualTo(ok.Sum(p => p.Length)));
            });
        }
        finally
        {
            foreach (var endpoint in endpoints.OfType<IDisposable>())
            {
                endpoint.Dispose();
            }
        }
    }

    private static int Occurrences(string text, string piece)
    {
        var count = 0;
        for (var at = text.IndexOf(piece, StringComparison.Ordinal); at >= 0; at = text.IndexOf(piece, at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
