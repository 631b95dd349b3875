namespace RaftChaos.Checker.History;

/// <summary>How an operation ended.</summary>
public enum OperationStatus
{
    /// <summary>Completed with <c>ok</c>: it took effect between its invoke and its completion.</summary>
    Ok,
    /// <summary>Completed with <c>fail</c>: it certainly did not take effect. The checker drops it.</summary>
    Fail,
    /// <summary>Completed with <c>info</c>, or never completed: it may take effect any time after its invoke, or never.</summary>
    Info,
}
