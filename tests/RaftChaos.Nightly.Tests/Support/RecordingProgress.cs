using RaftChaos.Nightly.Execution;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Tests.Support;

/// <summary>Keeps every progress report.</summary>
internal sealed class RecordingProgress : INightlyProgress
{
    public List<(string Name, bool Finished, TimeSpan Remaining)> Reports { get; } = [];

    public void RunStarting(PlannedRun run, int done, int total, TimeSpan remaining) => Reports.Add((run.Name, false, remaining));

    public void RunFinished(RunOutcome outcome, int done, int total, TimeSpan remaining) => Reports.Add((outcome.Run.Name, true, remaining));
}
