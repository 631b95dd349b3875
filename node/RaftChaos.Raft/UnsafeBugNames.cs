namespace RaftChaos.Raft;

/// <summary>The kebab-case names of <see cref="UnsafeBug"/> used by command lines and configuration.</summary>
public static class UnsafeBugNames
{
    private static readonly (string Name, UnsafeBug Bug)[] Table =
    [
        ("stale-reads", UnsafeBug.StaleReads),
        ("lease-reads", UnsafeBug.LeaseReads),
        ("forget-vote", UnsafeBug.ForgetVote),
        ("commit-old-term", UnsafeBug.CommitOldTerm),
        ("ack-before-persist", UnsafeBug.AckBeforePersist),
        ("continue-after-fsync-error", UnsafeBug.ContinueAfterFsyncError),
        ("membership-on-append", UnsafeBug.MembershipOnAppend),
    ];

    /// <summary>Every bug name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>Parses one name, or several separated by commas (e.g. "forget-vote,stale-reads"); "none" or "" is <see cref="UnsafeBug.None"/>.</summary>
    public static bool TryParse(string? text, out UnsafeBug bugs)
    {
        bugs = UnsafeBug.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = Array.FindIndex(Table, t => t.Name.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (match < 0) { bugs = UnsafeBug.None; return false; }
            bugs |= Table[match].Bug;
        }
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, throwing <see cref="FormatException"/> listing the valid names.</summary>
    public static UnsafeBug Parse(string? text) =>
        TryParse(text, out var bugs)
            ? bugs
            : throw new FormatException($"unknown unsafe bug '{text}'; expected one of: {string.Join(", ", All)}");

    /// <summary>The kebab-case name(s), comma-separated; "none" for <see cref="UnsafeBug.None"/>.</summary>
    public static string ToName(this UnsafeBug bugs) =>
        bugs == UnsafeBug.None ? "none" : string.Join(',', Table.Where(t => bugs.HasFlag(t.Bug)).Select(t => t.Name));
}
