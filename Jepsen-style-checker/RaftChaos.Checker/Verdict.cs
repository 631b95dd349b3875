namespace RaftChaos.Checker;

/// <summary>The graded outcome of a check. When merging, invalid beats unknown beats valid.</summary>
public enum Verdict
{
    /// <summary>Linearizable.</summary>
    Valid,
    /// <summary>Not linearizable: a counterexample was found.</summary>
    Invalid,
    /// <summary>The check hit its time or memory bound (or was cut short) before deciding. Never read this as valid.</summary>
    Unknown,
}
