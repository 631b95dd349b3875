using RaftChaos.Raft;
using RaftChaos.Simulation.Faults;

namespace RaftChaos.Cli.Commands;

/// <summary>The flags of <c>raftchaos simulate</c>, validated once.</summary>
internal sealed record SimulateSettings(int FirstSeed, int Seeds, int Nodes, int Steps, string? Unsafe, string? Profile, string OutputFolder)
{
    /// <summary>Null when valid, else what is wrong; <paramref name="bugs"/> gets the parsed --unsafe.</summary>
    public string? Validate(out UnsafeBug bugs)
    {
        bugs = UnsafeBug.None;
        if (Seeds < 1) return $"--seeds must be at least 1, got {Seeds}";
        if (Nodes is not (3 or 5 or 7)) return $"--nodes must be 3, 5 or 7, got {Nodes}";
        if (Steps < 1) return $"--steps must be at least 1, got {Steps}";
        if ((long)FirstSeed + Seeds - 1 > int.MaxValue) return "--seed + --seeds runs past the largest seed";
        if (!UnsafeBugNames.TryParse(Unsafe, out bugs))
            return $"unknown --unsafe '{Unsafe}'; expected one of: {string.Join(", ", UnsafeBugNames.All)}";
        if (Profile is not null && FaultProfiles.Find(Profile) is null)
            return $"unknown --profile '{Profile}'; expected one of: {string.Join(", ", FaultProfiles.All.Select(p => p.Name))}";
        if (string.IsNullOrWhiteSpace(OutputFolder)) return "--out must name a folder";
        return null;
    }

    /// <summary>The command that replays exactly <paramref name="seed"/>.</summary>
    public string ReplayCommand(int seed, UnsafeBug bugs) =>
        $"raftchaos simulate --seed {seed} --seeds 1 --nodes {Nodes} --steps {Steps}"
        + (bugs == UnsafeBug.None ? "" : $" --unsafe {bugs.ToName()}")
        + (Profile is null ? "" : $" --profile {Profile}")
        + $" --out {OutputFolder}";
}
