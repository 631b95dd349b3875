namespace RaftChaos.Workloads.Recording;

/// <summary>How a <see cref="HistoryRecorder"/> keeps time and where events go besides the writer.</summary>
public sealed class HistoryRecorderOptions
{
    /// <summary>
    /// The clock. Its timestamps (Stopwatch-based for <see cref="TimeProvider.System"/>) measure the run; the recorder's
    /// creation is time 0. Default <see cref="TimeProvider.System"/>; tests pass a fake.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Also keep every event in memory (<see cref="HistoryRecorder.Events"/>). Default false: a long run's
    /// history belongs in its file, not in the controller's heap.</summary>
    public bool KeepEvents { get; init; }

    /// <summary>The writer's buffer is flushed after an event when this much time has passed since the last flush,
    /// so a crashed controller loses at most that much history. Default 250 ms.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether disposing the recorder disposes the writer. Default true.</summary>
    public bool OwnsWriter { get; init; } = true;
}
