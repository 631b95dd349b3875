namespace RaftChaos.Simulation.Clients;

/// <summary>The register operations simulated clients issue.</summary>
public enum OpKind : byte
{
    /// <summary>Linearizable read (ReadIndex, served once applied).</summary>
    Read,
    /// <summary>Unconditional write.</summary>
    Write,
    /// <summary>Compare-and-set: takes effect only if the value equals the expected one.</summary>
    Cas,
}
