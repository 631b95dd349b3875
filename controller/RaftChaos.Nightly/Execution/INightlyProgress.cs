using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Execution;

/// <summary>Where the runner reports progress: the terminal in the CLI, a list in tests.</summary>
public interface INightlyProgress
{
    /// <summary><paramref name="run"/> is about to start; <paramref name="remaining"/> estimates the rest of the night including it.</summary>
    void RunStarting(PlannedRun run, int done, int total, TimeSpan remaining);

    /// <summary><paramref name="outcome"/> is in; <paramref name="remaining"/> estimates what is left.</summary>
    void RunFinished(RunOutcome outcome, int done, int total, TimeSpan remaining);
}
