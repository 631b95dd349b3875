using System.Diagnostics;
using System.Globalization;
using RaftChaos.Node.Client;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Node.Failpoints;

/// <summary>
/// The failpoint <c>crash-after-vote</c> (<c>--failpoint crash-after-vote=P</c>): after the node has persisted its
/// state and sent a granted vote, it SIGKILLs itself with probability P. A crash in that instant (between a vote
/// and the new leader's first append) is what exposes a node that forgets its vote on restart; a chaos run cannot
/// time an outside kill to the millisecond, so the node does it, as etcd's robustness tests do with gofail's
/// <c>raftAfterSave</c>-style failpoints. The test bed's supervisor in the container starts the node again.
/// </summary>
internal sealed class CrashAfterVote
{
    /// <summary>The failpoint's name in <c>--failpoint</c>.</summary>
    public const string Name = FailpointSpec.CrashAfterVote;

    /// <summary>
    /// How long the loop waits after queueing the vote before dying, so the peer sender really puts it on the wire.
    /// The loop does nothing meanwhile: the new leader's first append, if it arrives, is never persisted.
    /// </summary>
    public static TimeSpan SendGrace { get; } = TimeSpan.FromMilliseconds(30);

    private readonly double _probability;
    private readonly Random _random;
    private readonly string? _armFile;

    /// <summary>
    /// Arms the failpoint; <paramref name="seed"/> makes its coin flips repeatable. With <paramref name="armFile"/> it
    /// fires only while that file exists (checked per granted vote: votes are rare).
    /// </summary>
    public CrashAfterVote(double probability, int seed, string? armFile = null)
    {
        _probability = probability;
        _random = new Random(seed);
        _armFile = armFile;
    }

    /// <summary>True when <paramref name="sent"/> holds a granted vote, the failpoint is armed and the coin says crash now.</summary>
    public bool ShouldFire(IReadOnlyList<Message> sent)
    {
        foreach (var message in sent)
        {
            if (message.Type == MessageType.VoteResponse && !message.Reject)
            {
                return (_armFile is null || File.Exists(_armFile)) && _random.NextDouble() < _probability;
            }
        }
        return false;
    }

    /// <summary>Waits for the vote to leave, then kills this process with SIGKILL: no flush, no clean-up.</summary>
    public static async Task CrashAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(SendGrace, cancellationToken).ConfigureAwait(false);
        using var self = Process.GetCurrentProcess();
        self.Kill(); // SIGKILL on Unix
    }

    /// <summary>
    /// Whether a self-SIGKILL can work here: the kernel ignores signals a PID namespace's init sends itself, so a node
    /// that is PID 1 of its container (no <c>--init</c>) cannot crash this way.
    /// </summary>
    public static bool CanCrashItself => Environment.ProcessId != 1;

    /// <summary>The probability as the log shows it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}={_probability}");
}
