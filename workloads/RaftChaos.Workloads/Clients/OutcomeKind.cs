namespace RaftChaos.Workloads.Clients;

/// <summary>How an operation ended, as the history records it.</summary>
public enum OutcomeKind
{
    /// <summary>It took effect (a read: it saw a value).</summary>
    Ok,

    /// <summary>It certainly did not take effect.</summary>
    Fail,

    /// <summary>Unknown: it may have taken effect; the process is retired.</summary>
    Info,
}
