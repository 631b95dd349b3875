namespace RaftChaos.Controller.Runs;

/// <summary>Where a chaos run is (shown by the progress display).</summary>
public enum RunPhase
{
    /// <summary>Connecting, building the image if needed, starting containers, waiting for a leader.</summary>
    Starting,
    /// <summary>Workload and nemesis schedule.</summary>
    Main,
    /// <summary>Healing every fault, waiting for a leader and quiescence.</summary>
    Healing,
    /// <summary>Reading every key from every node.</summary>
    FinalReads,
    /// <summary>Collecting logs and removing containers.</summary>
    Collecting,
    /// <summary>Checking the history and writing the report.</summary>
    Checking,
    /// <summary>Finished.</summary>
    Done,
}
