namespace RaftChaos.Nightly.Execution;

/// <summary>Client operations of a run by outcome (DESIGN.md: ok took effect, fail did not, info unknown).</summary>
public sealed record OperationCounts(int Ok, int Fail, int Info)
{
    /// <summary>All client operations.</summary>
    public int Total => Ok + Fail + Info;
}
