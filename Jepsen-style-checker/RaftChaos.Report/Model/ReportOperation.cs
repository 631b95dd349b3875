namespace RaftChaos.Report.Model;

/// <summary>One client operation as the report draws it.</summary>
/// <param name="Id">Position in <see cref="ReportModel.Operations"/> (the checker's operation id).</param>
/// <param name="Index">Index of its invoke event in the history: the <c>data-op</c> attribute of its drawn element.</param>
/// <param name="Process">The client process.</param>
/// <param name="F">The function.</param>
/// <param name="Key">The key, or null for a single register.</param>
/// <param name="Value">The invoke's value as JSON.</param>
/// <param name="Result">What an ok completion returned, as JSON; null otherwise.</param>
/// <param name="Outcome"><c>ok</c>, <c>fail</c> or <c>info</c>.</param>
/// <param name="Invoke">Invoke time, nanoseconds since the start.</param>
/// <param name="Complete">Completion time, or null when it never completed.</param>
/// <param name="Node">The node its process talked to, when the run says (<see cref="Input.ReportRun.ProcessNodes"/>).</param>
/// <param name="Error">The completion's reason code (<c>error</c> in the history), or null when none was recorded.</param>
/// <param name="EndNode">The node where the call ended (<c>node</c> in the history), or null when the history does not say.</param>
/// <param name="RedirectedFrom">The node that refused before the call was sent elsewhere, or null when it was not redirected.</param>
public sealed record ReportOperation(
    int Id,
    int Index,
    int Process,
    string F,
    string? Key,
    string Value,
    string? Result,
    string Outcome,
    long Invoke,
    long? Complete,
    string? Node,
    string? Error = null,
    string? EndNode = null,
    string? RedirectedFrom = null);
