using System.CommandLine;
using Grpc.Core;
using RaftChaos.Node.Admin;
using RaftChaos.Node.Client;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos admin members|add|remove</c>: a RaftChaos node's membership (admin.proto). A change goes to the leader
/// and is answered once committed and applied; one change at a time. Exit codes as <c>kv</c>: 0 done, 1 refused
/// (nothing changed), 2 outcome unknown, 64 usage.
/// </summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var node = NodeCall.NodeOption("changes need the leader");
        var timeout = new Option<double>("--timeout") { Description = "seconds to wait for an answer", Recursive = true, DefaultValueFactory = _ => 10 };
        var admin = new Command("admin", "Administer a RaftChaos cluster's membership") { node, timeout };
        var member = new Argument<string>("ID") { Description = "a node id the cluster was started with (--peers), e.g. n3" };

        var members = new Command("members", "Print the voters in force on the node (comma-separated), its leader and term");
        members.SetAction((r, ct) => RunAsync(r, node, timeout, mutating: false, async (c, o) =>
        {
            var reply = await c.MembersAsync(new MembersRequest(), o);
            return ($"voters={string.Join(',', reply.Voters)} leader={(reply.LeaderId.Length > 0 ? reply.LeaderId : "none")} term={reply.Term}", null, 0);
        }, ct));

        var add = new Command("add", "Make ID a voter again (a single-server change; the node catches up from the leader)") { member };
        add.SetAction((r, ct) => RunAsync(r, node, timeout, mutating: true, async (c, o) =>
            Changed(await c.AddMemberAsync(new MemberChangeRequest { NodeId = r.GetValue(member) }, o), r.GetValue(node)), ct));

        var remove = new Command("remove", "Remove voter ID (the leader too: it steps down once the change commits)") { member };
        remove.SetAction((r, ct) => RunAsync(r, node, timeout, mutating: true, async (c, o) =>
            Changed(await c.RemoveMemberAsync(new MemberChangeRequest { NodeId = r.GetValue(member) }, o), r.GetValue(node)), ct));

        admin.Add(members);
        admin.Add(add);
        admin.Add(remove);
        return admin;
    }

    private static (string? Out, string? Error, int Code) Changed(MemberChangeReply reply, string? node)
    {
        if (reply.NotLeader.Length > 0)
        {
            return (null, reply.NotLeader == "-"
                ? $"{node} is not the leader and knows no leader; nothing was changed"
                : $"{node} is not the leader; the leader is {reply.NotLeader}; nothing was changed", KvCallFailure.Definite);
        }
        return reply.Refused.Length > 0
            ? (null, $"{reply.Refused}; nothing was changed", KvCallFailure.Definite)
            : ($"voters={string.Join(',', reply.Voters)}", null, 0);
    }

    private static Task<int> RunAsync(ParseResult r, Option<string> nodeOption, Option<double> timeoutOption, bool mutating,
        Func<Admin.AdminClient, CallOptions, Task<(string? Out, string? Error, int Code)>> call, CancellationToken ct)
        => NodeCall.RunAsync(r, nodeOption, timeoutOption, mutating, channel => new Admin.AdminClient(channel), call, ct);
}
