using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Chaos;

/// <summary>
/// A small randomized run of the core under message delay, reordering, loss, duplication, partitions, restarts and
/// compaction, checking Raft's safety properties after every step: election safety (one leader per term),
/// state machine safety (one command per committed index), and ReadIndex returning an index no older than
/// anything committed before the read was asked. Each seed replays exactly.
/// </summary>
public sealed class RandomizedSafetyTests
{
    public static IEnumerable<int> Seeds() => Enumerable.Range(1, 40);

    [TestCaseSource(nameof(Seeds))]
    public void Run_IsSafe(int seed) => Assert.That(RunSeed(seed, UnsafeBug.None, 3000, out var progress), Is.Null, $"seed {seed}");

    /// <summary>With a bug on, violations are expected, but the core must keep running (no invariant exception).</summary>
    [Test]
    public void Run_WithEachUnsafeBug_NeverThrows([Values] UnsafeBug bug, [Range(1, 5)] int seed) =>
        Assert.DoesNotThrow(() => RunSeed(seed, bug, 3000, out _));

    [Test]
    public void Run_MakesProgress()
    {
        var committed = 0;
        foreach (var seed in Seeds().Take(10))
        {
            RunSeed(seed, UnsafeBug.None, 3000, out var progress);
            committed += progress;
        }
        Assert.That(committed, Is.GreaterThan(500), "commands committed across 10 seeds");
    }

    /// <summary>Runs one seed; returns the first violation found, or null. <paramref name="committedCommands"/> counts commands committed.</summary>
    public static string? RunSeed(int seed, UnsafeBug bugs, int steps, out int committedCommands)
    {
        var rng = new Random(seed);
        var net = new TestNetwork(seed) { KeepReadies = false, KeepDelivered = false };
        var ids = new ulong[] { 1, 2, 3, 4, 5 };
        foreach (var id in ids)
            net.AddNode(id, ids, o => new RaftOptions
            {
                Id = o.Id, InitialVoters = o.InitialVoters, Random = new Random(seed * 31 + (int)id), UnsafeBugs = bugs,
                MaxInflightMessages = 4, MaxSizePerMessage = 64,
            });

        var leaders = new Dictionary<ulong, ulong>();
        var committed = new Dictionary<ulong, (ulong Term, string Data)>();
        var pendingReads = new Dictionary<ulong, ulong>(); // context -> highest index committed anywhere when asked
        string? violation = null;
        var maxCommitted = 0UL;
        ulong nextContext = 1;

        net.OnReady = (id, rd) =>
        {
            foreach (var e in rd.CommittedEntries)
            {
                var data = e.Type == EntryType.Normal ? Convert.ToHexString(e.Data.Span) : "conf";
                if (committed.TryGetValue(e.Index, out var seen) && seen != (e.Term, data))
                    violation ??= $"state machine safety: node {id} applied {e.Term}/{e.Index} but {seen.Term}/{e.Index} was applied elsewhere";
                committed[e.Index] = (e.Term, data);
                maxCommitted = Math.Max(maxCommitted, e.Index);
            }
            foreach (var rs in rd.ReadStates)
            {
                if (pendingReads.TryGetValue(rs.Context, out var floor) && rs.Index < floor)
                    violation ??= $"stale read: node {id} read at {rs.Index} after {floor} was applied";
            }
        };

        for (var step = 0; step < steps && violation is null; step++)
        {
            // Time: most nodes tick (at slightly different rates).
            foreach (var id in ids) if (rng.NextDouble() < 0.5) net[id].Tick();

            // Network: deliver a random share of what is in flight, out of order; drop and duplicate a little.
            var inFlight = net.InFlight.ToList();
            net.InFlight.Clear();
            foreach (var m in inFlight.OrderBy(_ => rng.Next()))
            {
                var r = rng.NextDouble();
                if (r < 0.03) continue; // lost
                if (r < 0.35) { net.InFlight.Add(m); continue; } // delayed
                net.Deliver(m);
                if (r > 0.99) net.InFlight.Add(m); // duplicated
            }

            // Faults.
            var fault = rng.NextDouble();
            if (fault < 0.004) net.Partition([.. ids.Where(_ => rng.Next(2) == 0)], [.. ids]);
            else if (fault < 0.008) net.Isolate(ids[rng.Next(ids.Length)]);
            else if (fault < 0.02) net.Recover();
            else if (fault < 0.023) net.Restart(ids[rng.Next(ids.Length)], loseUnsyncedWrites: rng.Next(2) == 0);

            // Clients.
            var node = net[ids[rng.Next(ids.Length)]];
            if (rng.NextDouble() < 0.2) node.Propose(BitConverter.GetBytes(rng.NextInt64()));
            if (rng.NextDouble() < 0.05)
            {
                var ctx = nextContext++;
                pendingReads[ctx] = maxCommitted;
                node.ReadIndex(ctx);
            }
            if (rng.NextDouble() < 0.01) node.TransferLeadership(ids[rng.Next(ids.Length)]);
            if (rng.NextDouble() < 0.01)
            {
                var storage = net.Storage[node.Id];
                var applied = storage.AppliedIndex;
                if (applied > 10 && node.Compact(applied, storage.SnapshotData()))
                    storage.Compacted(applied, node.Snapshot!);
            }

            net.ProcessAll();

            foreach (var n in net.Nodes.Values)
            {
                if (n.Role != RaftRole.Leader) continue;
                if (leaders.TryGetValue(n.Term, out var other) && other != n.Id)
                    violation ??= $"election safety: nodes {other} and {n.Id} both led term {n.Term}";
                leaders[n.Term] = n.Id;
            }
        }
        committedCommands = committed.Count;
        return violation;
    }
}
