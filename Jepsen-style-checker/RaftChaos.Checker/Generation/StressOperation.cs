using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Generation;

/// <summary>An operation being made by <see cref="StressHistoryGenerator"/>: planned, then applied at its linearization point.</summary>
internal sealed class StressOperation
{
    public int Process { get; init; }

    public int KeyIndex { get; init; }

    /// <summary>read, write or cas.</summary>
    public required string F { get; init; }

    public long InvokeTime { get; init; }

    public long CompletionTime { get; init; }

    /// <summary>When it takes effect: inside its interval, unless a mutation moved it.</summary>
    public long LinearizationTime { get; set; }

    public bool IsInfo { get; init; }

    /// <summary>For info: whether it took effect anyway.</summary>
    public bool TakesEffect { get; init; }

    /// <summary>LostWrite: acknowledged, but never applied.</summary>
    public bool Lost { get; set; }

    /// <summary>What a write writes, or a cas's new value.</summary>
    public HistoryValue Value { get; set; } = HistoryValue.Null;

    /// <summary>A cas's expected value, chosen when it is applied.</summary>
    public HistoryValue Expected { get; set; } = HistoryValue.Null;

    /// <summary>What a read saw.</summary>
    public HistoryValue Output { get; set; } = HistoryValue.Null;

    /// <summary>A cas whose expected value did not match, and that was not info: it completes with fail.</summary>
    public bool Failed { get; set; }

    /// <summary>A value replaced by a write acknowledged before this operation began, and not current when it took effect; null if none.</summary>
    public HistoryValue? StaleValue { get; set; }

    /// <summary>The completion as written.</summary>
    public HistoryEventType CompletionType => IsInfo ? HistoryEventType.Info : Failed ? HistoryEventType.Fail : HistoryEventType.Ok;

    /// <summary>The invoke's value.</summary>
    public HistoryValue Input => F switch
    {
        "write" => Value,
        "cas" => HistoryValue.ListOf(Expected, Value),
        _ => HistoryValue.Null,
    };
}
