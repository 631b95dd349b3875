namespace RaftChaos.Report.Model;

/// <summary>How many operations of one function ended with one outcome for one reason.</summary>
/// <param name="F">The function.</param>
/// <param name="Outcome"><c>fail</c> or <c>info</c>; <c>ok</c> for calls that succeeded after a redirect.</param>
/// <param name="Reason">The reason code; <c>redirected</c> on an ok row; null: the completion recorded no reason (older files).</param>
/// <param name="Meaning">What the code means (from the checker's list of codes), or null for a code this version does not know.</param>
/// <param name="Count">Operations.</param>
public sealed record ReasonCount(string F, string Outcome, string? Reason, string? Meaning, int Count);
