using System.CommandLine;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos kv put|get|cas|append|delete|status</c>: talk to one node. Values are UTF-8 strings; get prints
/// the bare value. Exit codes: 0 done, 1 refused or failed (nothing happened), 2 outcome unknown, 64 usage.
/// </summary>
internal static class KvCommand
{
    public static Command Create()
    {
        var node = NodeCall.NodeOption();
        var timeout = new Option<double>("--timeout")
        {
            Description = "seconds to wait for an answer",
            Recursive = true,
            DefaultValueFactory = _ => 5,
        };
        var kv = new Command("kv", "Read and write a RaftChaos node's key-value store") { node, timeout };

        var key = new Argument<string>("KEY") { Description = "the key (1 to 256 bytes)" };
        var value = new Argument<string>("VALUE") { Description = "the value (UTF-8)" };

        var put = new Command("put", "Write VALUE to KEY (acknowledged once committed and applied)") { key, value };
        put.SetAction((r, ct) => RunAsync(r, node, timeout, mutating: true, async (c, o) =>
        {
            var reply = await c.WriteAsync(new WriteRequest { Key = r.GetValue(key), Value = Utf8(r.GetValue(value)) }, o);
            return reply.NotLeader is { } nl ? Refuse(nl, r.GetValue(node)) : Ok("OK");
        }, ct));

        var stale = new Option<bool>("--stale") { Description = "a local read that may be stale (no ReadIndex round)" };
        var get = new Command("get", "Print the value of KEY (linearizable unless --stale); exit 1 when absent") { key, stale };
        get.SetAction((r, ct) => RunAsync(r, node, timeout, mutating: false, async (c, o) =>
        {
            var reply = await c.ReadAsync(new ReadRequest { Key = r.GetValue(key), StaleOk = r.GetValue(stale) }, o);
            if (reply.NotLeader is { } nl)
            {
                return Refuse(nl, r.GetValue(node));
            }
            return reply.Found ? Ok(reply.Value.ToStringUtf8()) : Fail($"key '{r.GetValue(key)}' not found");
        }, ct));

        var casValues = new Argument<string[]>("[OLD] NEW")
        {
            Description = "the expected value and the new one; with --expect-absent only NEW",
            Arity = new ArgumentArity(1, 2),
        };
        var expectAbsent = new Option<bool>("--expect-absent") { Description = "succeed only if KEY does not exist" };
        var cas = new Command("cas", "Set KEY to NEW if its value is OLD (exit 1 when the precondition is false)") { key, casValues, expectAbsent };
        cas.SetAction((r, ct) =>
        {
            var values = r.GetValue(casValues) ?? [];
            var absent = r.GetValue(expectAbsent);
            if (values.Length != (absent ? 1 : 2))
            {
                r.InvocationConfiguration.Error.WriteLine(absent ? "error: with --expect-absent give KEY NEW" : "error: give KEY OLD NEW");
                return Task.FromResult(ExitCodes.Usage);
            }
            return RunAsync(r, node, timeout, mutating: true, async (c, o) =>
            {
                var request = new CasRequest { Key = r.GetValue(key), ExpectAbsent = absent, Value = Utf8(values[^1]) };
                if (!absent)
                {
                    request.Expected = Utf8(values[0]);
                }
                var reply = await c.CasAsync(request, o);
                if (reply.NotLeader is { } nl)
                {
                    return Refuse(nl, r.GetValue(node));
                }
                if (reply.Succeeded)
                {
                    return Ok("OK");
                }
                return Fail(reply.Found ? $"cas failed: the current value is '{reply.Current.ToStringUtf8()}'" : "cas failed: the key does not exist");
            }, ct);
        });

        var append = new Command("append", "Append VALUE to KEY's value (absent = empty) and print the result") { key, value };
        append.SetAction((r, ct) => RunAsync(r, node, timeout, mutating: true, async (c, o) =>
        {
            var reply = await c.AppendAsync(new AppendRequest { Key = r.GetValue(key), Value = Utf8(r.GetValue(value)) }, o);
            return reply.NotLeader is { } nl ? Refuse(nl, r.GetValue(node)) : Ok(reply.Value.ToStringUtf8());
        }, ct));

        var delete = new Command("delete", "Delete KEY (prints whether it existed)") { key };
        delete.SetAction((r, ct) => RunAsync(r, node, timeout, mutating: true, async (c, o) =>
        {
            var reply = await c.DeleteAsync(new DeleteRequest { Key = r.GetValue(key) }, o);
            return reply.NotLeader is { } nl ? Refuse(nl, r.GetValue(node)) : Ok(reply.Existed ? "deleted" : "not found (nothing to delete)");
        }, ct));

        var json = new Option<bool>(CliJson.Flag) { Description = "print the status as one JSON object" };
        var status = new Command("status", "Print the node's status as one line of name=value pairs") { json };
        status.SetAction((r, ct) => RunAsync(r, node, timeout, mutating: false, async (c, o) =>
        {
            var reply = await c.StatusAsync(new StatusRequest(), o);
            return Ok(r.GetValue(json) ? CliJson.Serialize(StatusDocument(reply)) : FormatStatus(reply));
        }, ct));

        kv.Add(put);
        kv.Add(get);
        kv.Add(cas);
        kv.Add(append);
        kv.Add(delete);
        kv.Add(status);
        return kv;
    }

    /// <summary>One line: <c>id=n1 role=leader term=3 leader=n1 commit=.. applied=.. last_index=.. ...</c>.</summary>
    public static string FormatStatus(StatusReply s)
    {
        var line = new StringBuilder();
        void Add(string name, string value) => line.Append(line.Length == 0 ? "" : " ").Append(name).Append('=').Append(value);
        string N(ulong v) => v.ToString(CultureInfo.InvariantCulture);
        Add("id", s.Id);
        Add("role", s.Role);
        Add("term", N(s.Term));
        Add("leader", s.LeaderId.Length > 0 ? s.LeaderId : "none");
        Add("commit", N(s.CommitIndex));
        Add("applied", N(s.AppliedIndex));
        Add("last_index", N(s.LastLogIndex));
        Add("wall_ms", s.WallClockUnixMs.ToString(CultureInfo.InvariantCulture));
        Add("monotonic_ms", s.MonotonicMs.ToString(CultureInfo.InvariantCulture));
        Add("unsafe", s.Unsafe.Count > 0 ? string.Join(',', s.Unsafe) : "none");
        Add("peers", s.Peers.Count > 0 ? string.Join(',', s.Peers) : "none");
        foreach (var peer in s.Peers)
        {
            var ms = s.PeerLastContactMs.TryGetValue(peer, out var v) ? v : -1;
            Add($"contact_ms.{peer}", ms < 0 ? "never" : ms.ToString(CultureInfo.InvariantCulture));
        }
        return line.ToString();
    }

    // The same fields as FormatStatus, typed, for --json.
    private static object StatusDocument(StatusReply s) => new
    {
        id = s.Id,
        role = s.Role,
        term = s.Term,
        leader = s.LeaderId.Length > 0 ? s.LeaderId : null,
        commitIndex = s.CommitIndex,
        appliedIndex = s.AppliedIndex,
        lastLogIndex = s.LastLogIndex,
        wallClockUnixMs = s.WallClockUnixMs,
        monotonicMs = s.MonotonicMs,
        @unsafe = s.Unsafe.ToArray(),
        peers = s.Peers.ToArray(),
        peerLastContactMs = s.Peers.ToDictionary(p => p, p => s.PeerLastContactMs.TryGetValue(p, out var ms) && ms >= 0 ? (long?)ms : null),
    };

    private static ByteString Utf8(string? text) => ByteString.CopyFromUtf8(text ?? "");

    private static (string? Out, string? Error, int Code) Ok(string output) => (output, null, 0);

    private static (string? Out, string? Error, int Code) Fail(string error) => (null, error, KvCallFailure.Definite);

    private static (string? Out, string? Error, int Code) Refuse(NotLeader notLeader, string? node) =>
        (null, KvCallFailure.NotLeader(notLeader, node ?? "?"), KvCallFailure.Definite);

    private static Task<int> RunAsync(ParseResult r, Option<string> nodeOption, Option<double> timeoutOption, bool mutating,
        Func<Kv.KvClient, CallOptions, Task<(string? Out, string? Error, int Code)>> call, CancellationToken ct)
        => NodeCall.RunAsync(r, nodeOption, timeoutOption, mutating, channel => new Kv.KvClient(channel), call, ct);
}
