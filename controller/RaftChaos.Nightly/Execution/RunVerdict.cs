namespace RaftChaos.Nightly.Execution;

/// <summary>How one run of the night ended.</summary>
public enum RunVerdict
{
    /// <summary>The history is linearizable.</summary>
    Valid,
    /// <summary>The history is not linearizable.</summary>
    Invalid,
    /// <summary>The checker hit its bound.</summary>
    Unknown,
    /// <summary>The run produced no verdict (it crashed, Docker failed, results.json is missing).</summary>
    Error,
    /// <summary>Stopped by Ctrl-C before it finished.</summary>
    Interrupted,
}
