using System.Diagnostics;
using System.Globalization;

namespace RaftChaos.Controller.Labels;

/// <summary>
/// Which controller process created a run: <c>host:pid:start</c> (start = the process start time in Unix ms), the value
/// of the <see cref="Label"/> label on node containers. A run whose owner on this host is no longer alive was left by a
/// crash and may be reaped; a live owner's run (another user's test, another run) never is.
/// </summary>
public sealed record RunOwner(string Host, int ProcessId, long StartUnixMs)
{
    /// <summary>The label key.</summary>
    public const string Label = "raftchaos.owner";

    /// <summary>This process.</summary>
    public static RunOwner Current { get; } = Create();

    /// <summary>The label value.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{ProcessId}:{StartUnixMs}");

    /// <summary>Parses a label value; null when it is not one of ours.</summary>
    public static RunOwner? TryParse(string? value)
    {
        var parts = value?.Split(':');
        if (parts is not { Length: 3 }) return null;
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? new RunOwner(parts[0], pid, start) : null;
    }

    /// <summary>True when the owner ran on this host and that process (same pid, same start time) is gone.</summary>
    public bool IsDeadOnThisHost()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal)) return false;
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            // A reused pid belongs to another process: its start time differs.
            return StartOf(process) != StartUnixMs;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true; // exited while we looked
        }
    }

    private static RunOwner Create()
    {
        using var self = Process.GetCurrentProcess();
        return new RunOwner(Environment.MachineName, self.Id, StartOf(self));
    }

    // Rounded to seconds: the start time read from /proc has tick resolution and must compare equal across reads.
    private static long StartOf(Process process) => new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds() * 1000;
}
