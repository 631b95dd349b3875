// One Raft node in memory, driven the way every RaftChaos.Raft user drives it (as raft-rs's single_mem_node example):
// tick it, propose, and run the Ready/Advance loop: persist, send, apply, advance. The state machine is a hashmap.
using System.Text;
using RaftChaos.Raft;
using RaftChaos.Raft.Messages;

var node = new RaftNode(new RaftOptions
{
    Id = 1,
    InitialVoters = [1],            // a cluster of one: it elects itself after an election timeout
    ElectionTick = 10,
    HeartbeatTick = 1,
    Random = new Random(1),         // every random choice of the core (its election timeout) comes from here
}, RecoveredState.Empty);

var storage = new List<Entry>();    // stands in for a write-ahead log: what Ready asks to persist
var hashmap = new Dictionary<string, string>(StringComparer.Ordinal);

// Logical time: one Tick is one step of the clock (a real node ticks every few milliseconds).
for (var tick = 0; tick < 100 && node.Role != RaftRole.Leader; tick++)
{
    node.Tick();
    HandleReady();
}
Console.WriteLine($"node 1 is {node.Role} in term {node.Status().Term}");

for (var i = 0; i < 10; i++)
{
    var result = node.Propose(Encoding.UTF8.GetBytes($"key{i}=value{i}"));
    if (!result.Accepted) throw new InvalidOperationException($"proposal {i} dropped: {result.Reason}");
    HandleReady();
}

Console.WriteLine($"{storage.Count} entries persisted; hashmap: {string.Join(", ", hashmap.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}");
if (hashmap.Count != 10 || hashmap["key9"] != "value9") throw new InvalidOperationException("the hashmap does not hold every proposal");
return 0;

void HandleReady()
{
    // A node's own acknowledgements count in Advance, so even one node needs these rounds to elect itself and commit.
    while (node.HasReady)
    {
        var ready = node.Ready();
        // 1. Persist the entries (they replace the stored suffix from their first index) and the hard state. Here: memory.
        foreach (var entry in ready.Entries)
        {
            storage.RemoveAll(e => e.Index >= entry.Index);
            storage.Add(entry);
        }
        // 2. Send messages: a single node has no peers, so there are none.
        // 3. Apply committed entries to the state machine; an empty entry is a new leader's no-op.
        foreach (var entry in ready.CommittedEntries)
        {
            if (entry.Type != EntryType.Normal || entry.Data.IsEmpty) continue;
            var text = Encoding.UTF8.GetString(entry.Data.Span);
            var split = text.IndexOf('=', StringComparison.Ordinal);
            hashmap[text[..split]] = text[(split + 1)..];
        }
        // 4. Tell the core all of it is done.
        node.Advance();
    }
}
