using System.Diagnostics;
using RaftChaos.Node.Client;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Node.Failpoints;

/// <summary>
/// A crash failpoint (<c>--failpoint NAME=P</c>, see <see cref="FailpointSpec"/>): at its place in the loop the node
/// SIGKILLs itself with probability P. Some crashes matter only in an instant a chaos run cannot time from outside
/// (between a vote and the new leader's first append; between a new leader's own write and its first send), so the
/// node does it, as etcd's robustness tests do with gofail's <c>raftAfterSave</c> and <c>raftBeforeLeaderSend</c>.
/// The test bed's supervisor in the container starts the node again.
/// </summary>
internal sealed class CrashFailpoint
{
    /// <summary>
    /// How long the loop waits after queueing a vote before dying, so the peer sender really puts it on the wire.
    /// The loop does nothing meanwhile: the new leader's first append, if it arrives, is never persisted.
    /// </summary>
    public static TimeSpan VoteSendGrace { get; } = TimeSpan.FromMilliseconds(30);

    private readonly FailpointSpec _spec;
    private readonly Random _random;
    private readonly string? _armFile;
    /// <summary>The last term in which this node, as leader, passed crash-before-first-append (it fires once per term).</summary>
    private ulong _firstAppendTerm;

    /// <summary>
    /// Arms the failpoint; <paramref name="seed"/> makes its coin flips repeatable. With <paramref name="armFile"/> it
    /// fires only while that file exists (checked only at the failpoint's place, which the node passes rarely).
    /// </summary>
    public CrashFailpoint(FailpointSpec spec, int seed, string? armFile = null)
    {
        _spec = spec;
        _random = new Random(seed);
        _armFile = armFile;
    }

    /// <summary>The failpoint's name in <c>--failpoint</c>.</summary>
    public string Name => _spec.Name;

    /// <summary>crash-after-vote: true when <paramref name="sent"/> holds a granted vote and the coin says crash now.</summary>
    public bool ShouldCrashAfterVote(IReadOnlyList<Message> sent)
    {
        if (_spec.Name != FailpointSpec.CrashAfterVote) return false;
        foreach (var message in sent)
        {
            if (message.Type == MessageType.VoteResponse && !message.Reject)
            {
                return Flip();
            }
        }
        return false;
    }

    /// <summary>
    /// crash-before-first-append: true for the first Ready of a leader's <paramref name="term"/> that carries new
    /// entries, when the coin says crash. The caller then persists the entries, sends nothing and dies, leaving a tail
    /// only this node holds (step one of the Raft paper's Figure 8). A correct leader's first entry is its no-op.
    /// </summary>
    public bool ShouldCrashBeforeFirstAppend(bool leader, ulong term, bool hasNewEntries)
    {
        if (_spec.Name != FailpointSpec.CrashBeforeFirstAppend || !leader || !hasNewEntries || term == _firstAppendTerm) return false;
        _firstAppendTerm = term;
        return Flip();
    }

    private bool Flip() => (_armFile is null || File.Exists(_armFile)) && _random.NextDouble() < _spec.Probability;

    /// <summary>Waits <paramref name="grace"/> (for queued messages to leave), then kills this process with SIGKILL: no flush, no clean-up.</summary>
    public static async Task CrashAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (grace > TimeSpan.Zero) await Task.Delay(grace, cancellationToken).ConfigureAwait(false);
        using var self = Process.GetCurrentProcess();
        self.Kill(); // SIGKILL on Unix
    }

    /// <summary>
    /// Whether a self-SIGKILL can work here: the kernel ignores signals a PID namespace's init sends itself, so a node
    /// that is PID 1 of its container (no <c>--init</c>) cannot crash this way.
    /// </summary>
    public static bool CanCrashItself => Environment.ProcessId != 1;

    /// <summary>The failpoint as the log shows it.</summary>
    public override string ToString() => _spec.ToString();
}
