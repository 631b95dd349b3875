namespace RaftChaos.Nightly.Planning;

/// <summary>What a planned run is for: a false-alarm check on the correct build, or a bug the bed must catch.</summary>
public enum RunKind
{
    /// <summary>The correct build under faults: must be valid.</summary>
    Clean,
    /// <summary>An <c>--unsafe</c> switch under the faults that expose it: must be invalid.</summary>
    Matrix,
}
