// Five Raft nodes in one process, as raft-rs's five_mem_node example: each node runs the Ready/Advance loop, messages go
// through in-memory queues instead of a network, and 100 proposals to the leader are applied to a hashmap on every node.
// Single-threaded and seeded, so every run is the same.
using System.Text;
using RaftChaos.Raft;
using RaftChaos.Raft.Messages;

const int Proposals = 100;
ulong[] ids = [1, 2, 3, 4, 5];
var nodes = ids.ToDictionary(id => id, id => new RaftNode(new RaftOptions
{
    Id = id,
    InitialVoters = ids,            // the founders, the same list on each node
    ElectionTick = 10,
    HeartbeatTick = 1,
    Random = new Random((int)id),   // one seeded Random per node: randomized election timeouts
}, RecoveredState.Empty));
var hashmaps = ids.ToDictionary(id => id, _ => new Dictionary<string, string>(StringComparer.Ordinal));
var mailbox = new Queue<Message>();

ulong Leader() => nodes.Values.FirstOrDefault(n => n.Role == RaftRole.Leader)?.Status().Id ?? 0;

for (var tick = 0; tick < 500 && Leader() == 0; tick++)
{
    foreach (var node in nodes.Values) node.Tick();
    Pump();
}
var leader = Leader();
if (leader == 0) throw new InvalidOperationException("no leader after 500 ticks");
Console.WriteLine($"leader: node {leader}, term {nodes[leader].Status().Term}");

for (var i = 0; i < Proposals; i++)
{
    var result = nodes[leader].Propose(Encoding.UTF8.GetBytes($"key{i}=value{i}"));
    if (!result.Accepted) throw new InvalidOperationException($"proposal {i} dropped: {result.Reason}");
    Pump();
}
// A few heartbeats more: followers learn the last commit index from the leader's next message.
for (var tick = 0; tick < 5; tick++)
{
    foreach (var node in nodes.Values) node.Tick();
    Pump();
}

foreach (var id in ids) Console.WriteLine($"node {id}: {nodes[id].Role}, {hashmaps[id].Count} keys");
if (ids.Any(id => hashmaps[id].Count != Proposals || hashmaps[id]["key99"] != "value99"))
    throw new InvalidOperationException("not every node applied every proposal");
return 0;

// Runs every node's Ready/Advance loop and delivers messages until nothing moves.
void Pump()
{
    do
    {
        foreach (var (id, node) in nodes)
        {
            while (node.HasReady)
            {
                var ready = node.Ready();
                // Messages that need nothing persisted first may go out at once.
                foreach (var message in ready.Messages) mailbox.Enqueue(message);
                // Persist ready.Entries and ready.HardState here (this sample keeps only the state machine).
                // Acknowledgements and votes go out only once that is durable.
                foreach (var message in ready.MessagesAfterPersist) mailbox.Enqueue(message);
                foreach (var entry in ready.CommittedEntries)
                {
                    if (entry.Type != EntryType.Normal || entry.Data.IsEmpty) continue;
                    var text = Encoding.UTF8.GetString(entry.Data.Span);
                    var split = text.IndexOf('=', StringComparison.Ordinal);
                    hashmaps[id][text[..split]] = text[(split + 1)..];
                }
                node.Advance();
            }
        }
        while (mailbox.TryDequeue(out var message)) nodes[message.To].Step(message);
    }
    while (nodes.Values.Any(n => n.HasReady));
}
