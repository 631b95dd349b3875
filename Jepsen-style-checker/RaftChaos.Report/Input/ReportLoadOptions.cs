using RaftChaos.Checker;

namespace RaftChaos.Report.Input;

/// <summary>How <see cref="ReportInputLoader"/> loads a run.</summary>
public sealed class ReportLoadOptions
{
    /// <summary>
    /// The checker model (<c>register</c>, <c>cas-register</c>, <c>kv</c>). Default: the run's
    /// (<see cref="ReportRun.Model"/>), else inferred from the history. Setting it always re-checks the history with it.
    /// </summary>
    public string? ModelName { get; init; }

    /// <summary>Bounds for the checker when it has to run. Default: <c>new CheckOptions()</c> (60 s).</summary>
    public CheckOptions CheckOptions { get; init; } = new();

    /// <summary>The folder the report is written to, for relative links. Default: the run's folder.</summary>
    public string? OutputDirectory { get; init; }
}
