using RaftChaos.Controller.Targets;

namespace RaftChaos.Controller.Nemeses;

/// <summary>
/// One kind of fault, Jepsen style: <see cref="StartAsync"/> plans a fault as data (which nodes, which grudge, which
/// skew) from the context's seeded random, records it in the history and applies it; <see cref="StopAsync"/> heals it
/// and records that. A nemesis holds at most one active fault.
/// </summary>
public interface INemesis
{
    /// <summary>The kind: partition, kill, pause, clock, slow-leader or swap-leader (the names of <c>--nemesis</c>).</summary>
    string Kind { get; }

    /// <summary>What the system under test must be able to take for this kind (a run refuses the kind before any container starts otherwise).</summary>
    TargetCapabilities Requires { get; }

    /// <summary>A short description of the active fault (for the progress display), or null when none is active.</summary>
    string? Active { get; }

    /// <summary>Plans, records and applies one fault.</summary>
    Task StartAsync(NemesisContext context, CancellationToken cancellationToken);

    /// <summary>Heals the active fault and records it; nothing when none is active.</summary>
    Task StopAsync(NemesisContext context, CancellationToken cancellationToken);
}
