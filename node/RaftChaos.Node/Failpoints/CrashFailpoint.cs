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
    /// How long the loop waits before dying: the console logger writes from a background queue, so the lines of this
    /// turn (the failpoint itself, a role change) need a moment to reach stdout; after a vote the peer sender also
    /// needs it to put the vote on the wire. The loop does nothing meanwhile: nothing that arrives is persisted, and a
    /// leader's held-back entries were never handed to the transport.
    /// </summary>
    public static TimeSpan Grace { get; } = TimeSpan.FromMilliseconds(30);

    private readonly FailpointSpec _spec;
    private readonly int _seed;
    private readonly string? _armFile;
    /// <summary>The last term in which this node, as leader, passed crash-before-first-append (it fires once per term).</summary>
    private ulong _firstAppendTerm;

    /// <summary>
    /// Arms the failpoint. Each coin flip is a function of <paramref name="seed"/> and the term it is flipped in, so a
    /// run's seed decides every crash, and a node started again after a crash (same seed) does not replay the flips of
    /// the terms before: each term gets its own chance P. With <paramref name="armFile"/> it fires only while that
    /// file exists (checked only at the failpoint's place, which the node passes rarely).
    /// </summary>
    public CrashFailpoint(FailpointSpec spec, int seed, string? armFile = null)
    {
        _spec = spec;
        _seed = seed;
        _armFile = armFile;
    }

    /// <summary>The failpoint's name in <c>--failpoint</c>.</summary>
    public string Name => _spec.Name;

    /// <summary>crash-after-vote: true when <paramref name="sent"/> holds a granted vote and the coin of its term says crash now.</summary>
    public bool ShouldCrashAfterVote(IReadOnlyList<Message> sent)
    {
        if (_spec.Name != FailpointSpec.CrashAfterVote)
        {
            return false;
        }

        foreach (var message in sent)
        {
            if (message.Type == MessageType.VoteResponse && !message.Reject)
            {
                return Flip(message.Term);
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
        if (_spec.Name != FailpointSpec.CrashBeforeFirstAppend || !leader || !hasNewEntries || term == _firstAppendTerm)
        {
            return false;
        }

        _firstAppendTerm = term;
        return Flip(term);
    }

    private bool Flip(ulong term) => (_armFile is null || File.Exists(_armFile)) && Coin(_seed, term) < _spec.Probability;

    /// <summary>
    /// A number in [0, 1) fixed by (seed, term): SplitMix64's finaliser over both, so neighbouring seeds and terms give
    /// unrelated flips. Spelled out rather than <c>HashCode</c>, which changes with every process.
    /// </summary>
    internal static double Coin(int seed, ulong term)
    {
        var z = SplitMix64.Mix(unchecked(((ulong)(uint)seed << 32 ^ term) + SplitMix64.Golden));
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Waits <see cref="Grace"/> (log lines and queued messages leave), then kills this process with SIGKILL: no flush, no clean-up.</summary>
    public static async Task CrashAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Grace, cancellationToken).ConfigureAwait(false);
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
