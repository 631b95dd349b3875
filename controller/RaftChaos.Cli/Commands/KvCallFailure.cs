using Grpc.Core;
using RaftChaos.Node.Api;

namespace RaftChaos.Cli.Commands;

/// <summary>Turns a failed or refused KV call into a message for people and an exit code for scripts.</summary>
internal static class KvCallFailure
{
    /// <summary>Exit code of a definite failure: refused (not leader, precondition false, invalid argument, not found).</summary>
    public const int Definite = 1;

    /// <summary>Exit code of an unknown outcome: the write may or may not have taken effect (DESIGN.md: 2 = unknown).</summary>
    public const int Unknown = 2;

    /// <summary>Message and exit code for a gRPC error from <paramref name="node"/>.</summary>
    public static (string Message, int ExitCode) From(RpcException e, string node, bool mutating) => e.StatusCode switch
    {
        StatusCode.InvalidArgument => ($"rejected by {node}: {e.Status.Detail}", Definite),
        StatusCode.Unavailable when IsConnectFailure(e) => ($"cannot reach a node at {node}: {e.Status.Detail}", Definite),
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.Aborted when mutating =>
            ($"outcome unknown ({e.StatusCode} from {node}: {e.Status.Detail}); the write may or may not have taken effect", Unknown),
        _ => ($"{e.StatusCode} from {node}: {e.Status.Detail}", Definite),
    };

    /// <summary>The message of a definite "not the leader" refusal.</summary>
    public static string NotLeader(NotLeader notLeader, string node) =>
        string.IsNullOrEmpty(notLeader.LeaderId)
            ? $"{node} is not the leader and knows no leader (an election may be under way); nothing was done"
            : $"{node} is not the leader; the leader is {notLeader.LeaderId}"
              + (string.IsNullOrEmpty(notLeader.LeaderAddress) ? "" : $" ({notLeader.LeaderAddress} inside the cluster)")
              + "; nothing was done";

    // A refused or timed-out connection means the request never left this process.
    private static bool IsConnectFailure(RpcException e)
    {
        for (var inner = e.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException
                || inner is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                return true;
            }
        }
        return false;
    }
}
