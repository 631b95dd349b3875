namespace RaftChaos.Checker.History;

/// <summary>The <c>type</c> field of a history event (DESIGN.md, "History format").</summary>
public enum HistoryEventType
{
    /// <summary>A process started an operation.</summary>
    Invoke,
    /// <summary>The operation took effect (for a read: returned what it saw).</summary>
    Ok,
    /// <summary>The operation certainly did not take effect.</summary>
    Fail,
    /// <summary>Unknown outcome: it may have taken effect, at any time after its invoke; the process issues nothing more.</summary>
    Info,
}
