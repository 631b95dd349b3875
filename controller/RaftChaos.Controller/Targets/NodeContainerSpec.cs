namespace RaftChaos.Controller.Targets;

/// <summary>
/// How one node's container is made. The cluster adds labels, the run network, the address and the published client
/// port; it never adds capabilities (network faults run from a helper container, so the node needs no NET_ADMIN).
/// </summary>
/// <param name="Image">The image tag.</param>
/// <param name="Command">The command (arguments to the image's entrypoint, or the entrypoint's replacement when <paramref name="Entrypoint"/> is set).</param>
/// <param name="Environment">Environment variables.</param>
/// <param name="DataDirectory">The folder inside the container that holds the node's durable state (kept across kills).</param>
/// <param name="Entrypoint">A replacement entrypoint (e.g. a supervisor shell), or null for the image's own.</param>
/// <param name="Init">Run the engine's init as PID 1 (a node that SIGKILLs itself needs it: PID 1 cannot).</param>
/// <param name="RestartOnFailure">Let the engine restart the container when its main process fails.</param>
/// <param name="Failpoints">How to arm and disarm the node's failpoints, or null when it has none configured.</param>
/// <param name="RestartProcess">
/// A command (run as root by docker exec) that makes the node process start again inside its running container, e.g.
/// by a supervisor; null when the target has none (the cluster then restarts the container). Healing a clock rate needs it.
/// </param>
/// <param name="DiskFaultFile">Where in the container the node reads its disk fault (see DiskFaultSpec), or null when it has none.</param>
public sealed record NodeContainerSpec(
    string Image,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment,
    string DataDirectory,
    IReadOnlyList<string>? Entrypoint = null,
    bool Init = false,
    bool RestartOnFailure = false,
    FailpointSwitch? Failpoints = null,
    IReadOnlyList<string>? RestartProcess = null,
    string? DiskFaultFile = null);
