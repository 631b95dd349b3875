namespace RaftChaos.Cli;

/// <summary>Exit codes of every `raftchaos` command (see DESIGN.md, "Exit codes of the CLI"; sysexits.h for 64/65/66/69).</summary>
public static class ExitCodes
{
    /// <summary>The history is linearizable / every check passed.</summary>
    public const int Valid = 0;
    /// <summary>Not linearizable, or a safety violation was found.</summary>
    public const int Invalid = 1;
    /// <summary>The check hit its time or memory bound.</summary>
    public const int Unknown = 2;
    /// <summary>Bad flags or arguments.</summary>
    public const int Usage = 64;
    /// <summary>Malformed input (the message names file, line and reason).</summary>
    public const int DataError = 65;
    /// <summary>An input file or folder is missing or unreadable (EX_NOINPUT).</summary>
    public const int NoInput = 66;
    /// <summary>No Docker engine reachable.</summary>
    public const int Unavailable = 69;
}
