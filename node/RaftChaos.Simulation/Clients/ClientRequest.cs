namespace RaftChaos.Simulation.Clients;

/// <summary>One client operation as a node receives it.</summary>
/// <param name="RequestId">Unique in the run; also the ReadIndex context of a read.</param>
/// <param name="Kind">Read, write or cas.</param>
/// <param name="Key">The register's key.</param>
/// <param name="Value">The value to write (write), or the new value (cas).</param>
/// <param name="Expected">The value a cas expects.</param>
public sealed record ClientRequest(ulong RequestId, OpKind Kind, string Key, long Value, long Expected);
