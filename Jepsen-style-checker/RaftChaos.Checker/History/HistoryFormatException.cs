namespace RaftChaos.Checker.History;

/// <summary>
/// A history that cannot be read or paired: bad JSON, an unknown type, a completion with no open invoke,
/// time going backwards, a value of the wrong shape. The CLI maps it to exit code 65 and prints
/// <see cref="Exception.Message"/> (<c>FILE:LINE: reason</c>), never a stack trace.
/// </summary>
public sealed class HistoryFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file (as given) or another name for the history.</param>
    /// <param name="line">1-based line number of the offending event.</param>
    /// <param name="reason">What is wrong, in a short sentence without the location.</param>
    public HistoryFormatException(string source, int line, string reason)
        : base($"{source}:{line}: {reason}")
    {
        Source = source;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file (as given) or another name for the history.</summary>
    public new string Source { get; }

    /// <summary>1-based line number of the offending event.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}
