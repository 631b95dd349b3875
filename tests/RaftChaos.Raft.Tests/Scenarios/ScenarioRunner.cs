using System.Text;
using RaftChaos.Raft;
using RaftChaos.Raft.Membership;
using RaftChaos.Raft.Messages;
using RaftChaos.Raft.Tests.Network;

namespace RaftChaos.Raft.Tests.Scenarios;

/// <summary>
/// Runs a scenario script against a <see cref="TestNetwork"/> and returns the trace: each command echoed as
/// "> command", followed by what it printed and every role/term/leader change it caused.
/// Commands (ids are node ids):
/// <code>
/// add-nodes N [opt=value...]   founders 1..N; opts: prevote, checkquorum, bugs, max-inflight, max-size, election
/// add-node ID [opt=value...]   a node that joins later (no initial voters)
/// campaign ID | tick ID N | tick-all N | restart ID
/// deliver [quiet]              deliver messages until quiet, printing each (unless quiet)
/// deliver-round                deliver only the messages in flight now
/// drop                         discard all messages in flight
/// partition 1 2 / 3 | isolate ID | ignore MessageType | heal
/// propose ID DATA | read ID CTX | transfer ID TO | add-voter ID NEW | remove-voter ID OLD | compact ID (at its applied index)
/// status [ID...] | log ID | applied ID | reads ID | progress ID
/// </code>
/// Lines starting with # are comments (echoed); blank lines are kept.
/// </summary>
public sealed class ScenarioRunner
{
    private readonly StringBuilder _out = new();
    private TestNetwork _net = new();
    private readonly Dictionary<ulong, (RaftRole Role, ulong Term, ulong Lead)> _seen = [];

    public string Run(string script)
    {
        var lineNo = 0;
        foreach (var raw in script.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                _out.AppendLine(line);
                continue;
            }
            _out.Append("> ").AppendLine(line.Trim());
            try
            {
                Execute(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or IndexOutOfRangeException or ArgumentException)
            {
                throw new FormatException($"line {lineNo}: {line}: {e.Message}", e);
            }
            _net.ProcessAll();
            ReportChanges();
        }
        return _out.ToString();
    }

    private void Print(string text) => _out.Append("  ").AppendLine(text);

    private static ulong Id(string s) => ulong.Parse(s);

    private void Execute(string[] a)
    {
        switch (a[0])
        {
            case "add-nodes":
            {
                var n = int.Parse(a[1]);
                var voters = Enumerable.Range(1, n).Select(i => (ulong)i).ToList();
                foreach (var id in voters) _net.AddNode(id, voters, o => Configure(o, a.Skip(2)));
                break;
            }
            case "add-node":
                _net.AddNode(Id(a[1]), [], o => Configure(o, a.Skip(2)));
                break;
            case "campaign":
                _net[Id(a[1])].Campaign();
                break;
            case "tick":
                _net.Tick(Id(a[1]), a.Length > 2 ? int.Parse(a[2]) : 1);
                break;
            case "tick-all":
                for (var i = 0; i < int.Parse(a[1]); i++)
                {
                    _net.TickAll();
                    ReportChanges();
                }
                break;
            case "deliver":
                _net.Trace = a.Length > 1 && a[1] == "quiet" ? null : Print;
                for (var round = 0; round < 1000 && _net.InFlight.Count > 0; round++)
                {
                    _net.DeliverRound();
                    _net.ProcessAll();
                    ReportChanges();
                }
                _net.Trace = null;
                break;
            case "deliver-round":
                // One round: only the messages in flight now (answers stay in flight).
                _net.Trace = Print;
                _net.DeliverRound();
                _net.Trace = null;
                break;
            case "drop":
                Print($"dropped {_net.InFlight.Count} message(s)");
                _net.DropInFlight();
                break;
            case "partition":
            {
                var groups = string.Join(' ', a.Skip(1)).Split('/')
                    .Select(g => (IReadOnlyList<ulong>)g.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Id).ToList()).ToArray();
                _net.Partition(groups);
                break;
            }
            case "isolate":
                _net.Isolate(Id(a[1]));
                break;
            case "ignore":
                _net.Ignore(Enum.Parse<MessageType>(a[1]));
                break;
            case "heal":
                _net.Recover();
                break;
            case "restart":
                _net.Restart(Id(a[1]));
                break;
            case "propose":
                Print(_net[Id(a[1])].Propose(Encoding.UTF8.GetBytes(a[2])).ToString());
                break;
            case "read":
                Print(_net[Id(a[1])].ReadIndex(ulong.Parse(a[2])).ToString());
                break;
            case "transfer":
                Print(_net[Id(a[1])].TransferLeadership(Id(a[2])) ? "transfer started" : "transfer refused");
                break;
            case "add-voter":
                Print(_net[Id(a[1])].ProposeMembershipChange(new MembershipChange(MembershipChangeType.AddVoter, Id(a[2]))).ToString());
                break;
            case "remove-voter":
                Print(_net[Id(a[1])].ProposeMembershipChange(new MembershipChange(MembershipChangeType.RemoveVoter, Id(a[2]))).ToString());
                break;
            case "compact":
            {
                // The test state machine can only snapshot what it applied, so compaction is at the applied index.
                var id = Id(a[1]);
                var index = _net.Storage[id].AppliedIndex;
                var ok = _net[id].Compact(index, _net.Storage[id].SnapshotData());
                if (ok) _net.Storage[id].Compacted(index, _net[id].Snapshot!);
                Print(ok ? $"compacted to {index}" : "nothing to compact");
                break;
            }
            case "status":
                foreach (var id in a.Length > 1 ? a.Skip(1).Select(Id) : _net.Nodes.Keys) Print(_net[id].Status().ToString());
                break;
            case "log":
            {
                var s = _net.Storage[Id(a[1])];
                var snap = s.Snapshot is null ? "" : $"[{s.Snapshot.Term}/{s.Snapshot.Index}] ";
                Print(snap + string.Join(' ', s.Entries.Select(e => e.Type == EntryType.Normal && e.Data.Length > 0
                    ? $"{e.Term}/{e.Index}:{Encoding.UTF8.GetString(e.Data.Span)}" : e.ToString())));
                break;
            }
            case "applied":
            {
                var s = _net.Storage[Id(a[1])];
                Print($"applied={s.AppliedIndex} [{string.Join(' ', s.Applied)}]");
                break;
            }
            case "reads":
            {
                var list = _net.ReadStates[Id(a[1])];
                Print(list.Count == 0 ? "no read states" : string.Join(' ', list.Select(r => $"ctx={r.Context}@{r.Index}")));
                list.Clear();
                break;
            }
            case "progress":
                foreach (var (id, p) in _net[Id(a[1])].Status().Progress)
                    Print($"{id}: match={p.Match} next={p.Next} {p.State} inflight={p.Inflight}{(p.PendingSnapshot > 0 ? $" snapshot={p.PendingSnapshot}" : "")}");
                break;
            default:
                throw new FormatException($"unknown command '{a[0]}'");
        }
    }

    private static RaftOptions Configure(RaftOptions o, IEnumerable<string> settings)
    {
        foreach (var setting in settings)
        {
            var parts = setting.Split('=', 2);
            o = parts[0] switch
            {
                "prevote" => Copy(o, preVote: bool.Parse(parts[1])),
                "checkquorum" => Copy(o, checkQuorum: bool.Parse(parts[1])),
                "bugs" => Copy(o, bugs: UnsafeBugNames.Parse(parts[1])),
                "max-inflight" => Copy(o, maxInflight: int.Parse(parts[1])),
                "max-size" => Copy(o, maxSize: long.Parse(parts[1])),
                "election" => Copy(o, election: int.Parse(parts[1])),
                _ => throw new FormatException($"unknown option '{parts[0]}'"),
            };
        }
        return o;
    }

    private static RaftOptions Copy(RaftOptions o, bool? preVote = null, bool? checkQuorum = null, UnsafeBug? bugs = null,
        int? maxInflight = null, long? maxSize = null, int? election = null) => new()
    {
        Id = o.Id, InitialVoters = o.InitialVoters, ElectionTick = election ?? o.ElectionTick, HeartbeatTick = o.HeartbeatTick,
        PreVote = preVote ?? o.PreVote, CheckQuorum = checkQuorum ?? o.CheckQuorum,
        MaxInflightMessages = maxInflight ?? o.MaxInflightMessages, MaxSizePerMessage = maxSize ?? o.MaxSizePerMessage,
        MaxInflightBytes = o.MaxInflightBytes, UnsafeBugs = bugs ?? o.UnsafeBugs, Random = o.Random,
    };

    /// <summary>Prints every node whose role, term or leader changed since last reported.</summary>
    private void ReportChanges()
    {
        foreach (var (id, node) in _net.Nodes)
        {
            var now = (node.Role, node.Term, node.Leader);
            if (_seen.TryGetValue(id, out var before) && before == now) continue;
            if (!_seen.ContainsKey(id) && now == (RaftRole.Follower, node.Term, 0UL)) { _seen[id] = now; continue; }
            _seen[id] = now;
            Print($"node {id}: {now.Role} term={now.Term} lead={now.Leader}");
        }
    }
}
