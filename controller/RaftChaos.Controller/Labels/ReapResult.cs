namespace RaftChaos.Controller.Labels;

/// <summary>What <see cref="Reaper.ReapAsync"/> removed.</summary>
public sealed record ReapResult(int Containers, int Networks)
{
    /// <summary>True when nothing was left to remove.</summary>
    public bool Empty => Containers == 0 && Networks == 0;
}
