using Microsoft.Extensions.Logging;

namespace RaftChaos.Controller;

/// <summary>
/// Every log event of the controller library, declared once with a stable event id.
/// (LoggerMessage.Define rather than [LoggerMessage]: the source generator would need a direct package reference.)
/// </summary>
internal static class Log
{
    public static readonly Action<ILogger, string, string, Version, Exception?> Connected =
        LoggerMessage.Define<string, string, Version>(LogLevel.Information, new EventId(1000, nameof(Connected)),
            "Docker engine at {Endpoint}: version {ServerVersion}, using API {ApiVersion}");

    public static readonly Action<ILogger, int, TimeSpan, string, Exception?> Retrying =
        LoggerMessage.Define<int, TimeSpan, string>(LogLevel.Warning, new EventId(1001, nameof(Retrying)),
            "Engine call failed, attempt {Attempt} after {Delay}: {Reason}");

    public static readonly Action<ILogger, string, string, long, Exception?> Exec =
        LoggerMessage.Define<string, string, long>(LogLevel.Debug, new EventId(1002, nameof(Exec)),
            "exec in {ContainerId}: {Command} -> {ExitCode}");

    public static readonly Action<ILogger, string, int, int, Exception?> Reaped =
        LoggerMessage.Define<string, int, int>(LogLevel.Information, new EventId(1100, nameof(Reaped)),
            "Reaped run {RunId}: {Containers} containers, {Networks} networks");

    public static readonly Action<ILogger, string, string, Exception?> NetworkCreated =
        LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(1200, nameof(NetworkCreated)),
            "Network {Name} created with subnet {Subnet}");

    public static readonly Action<ILogger, string, string, Exception?> NetworkHelperStarted =
        LoggerMessage.Define<string, string>(LogLevel.Debug, new EventId(1201, nameof(NetworkHelperStarted)),
            "network helper of {NodeId} started in its namespace{Why}");

    public static readonly Action<ILogger, string, string, Exception?> FaultApplied =
        LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(1300, nameof(FaultApplied)),
            "{Fault} applied: {Detail}");

    public static readonly Action<ILogger, string, string, Exception?> FaultHealed =
        LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(1301, nameof(FaultHealed)),
            "{Fault} healed: {Detail}");

    public static readonly Action<ILogger, string, Exception?> ImageStep =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(1400, nameof(ImageStep)), "{Line}");

    public static readonly Action<ILogger, string, Exception?> StaleRunsReaped =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(1401, nameof(StaleRunsReaped)),
            "reaped runs of crashed controllers: {Runs}");

    public static readonly Action<ILogger, string, int, double, Exception?> ClusterReady =
        LoggerMessage.Define<string, int, double>(LogLevel.Information, new EventId(1402, nameof(ClusterReady)),
            "cluster {RunId} of {Nodes} nodes ready in {Seconds:F1} s");

    public static readonly Action<ILogger, string, string, string, Exception?> NodePlaced =
        LoggerMessage.Define<string, string, string>(LogLevel.Information, new EventId(1403, nameof(NodePlaced)),
            "{Node} on {Engine}; peers reach it at {PeerEndpoint}");

    public static readonly Action<ILogger, string, Exception?> NemesisStarted =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(1500, nameof(NemesisStarted)), "nemesis started: {Fault}");

    public static readonly Action<ILogger, string, Exception?> NemesisHealed =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(1501, nameof(NemesisHealed)), "nemesis healed: {Kind}");

    public static readonly Action<ILogger, string, string, string, Exception?> NemesisFailed =
        LoggerMessage.Define<string, string, string>(LogLevel.Warning, new EventId(1502, nameof(NemesisFailed)),
            "nemesis {Kind} failed to {Step}: {Message}");

    public static readonly Action<ILogger, string, double, Exception?> NemesisAbandoned =
        LoggerMessage.Define<string, double>(LogLevel.Warning, new EventId(1503, nameof(NemesisAbandoned)),
            "nemesis {Kind} did not heal within {Seconds:F0} s: cancelled, left to the final heal");

    public static readonly Action<ILogger, string, int, string, Exception?> RunStarted =
        LoggerMessage.Define<string, int, string>(LogLevel.Information, new EventId(1600, nameof(RunStarted)), "run {Name} seed {Seed} in {Directory}");

    public static readonly Action<ILogger, double, string, string, Exception?> MainPhase =
        LoggerMessage.Define<double, string, string>(LogLevel.Information, new EventId(1601, nameof(MainPhase)),
            "main phase: {Seconds} s, workload {Workload}, nemesis {Nemesis}");

    public static readonly Action<ILogger, double, string, string, Exception?> Healed =
        LoggerMessage.Define<double, string, string>(LogLevel.Information, new EventId(1602, nameof(Healed)),
            "healed in {Seconds:F1} s; leader {Leader}; {Problems}");

    public static readonly Action<ILogger, int, bool, Exception?> FinalReads =
        LoggerMessage.Define<int, bool>(LogLevel.Information, new EventId(1603, nameof(FinalReads)), "final reads: {Count}, all ok: {AllOk}");

    public static readonly Action<ILogger, Exception?> LogsNotCollected =
        LoggerMessage.Define(LogLevel.Warning, new EventId(1604, nameof(LogsNotCollected)), "could not collect node logs");

    public static readonly Action<ILogger, string, Exception?> RunRemoved =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(1605, nameof(RunRemoved)), "containers and network of run {RunId} removed");

    public static readonly Action<ILogger, string, int, int, double, Exception?> Checked =
        LoggerMessage.Define<string, int, int, double>(LogLevel.Information, new EventId(1606, nameof(Checked)),
            "check: {Verdict} ({Operations} operations, {Keys} keys, {Ms:F0} ms)");

    public static readonly Action<ILogger, Exception?> ReportNotWritten =
        LoggerMessage.Define(LogLevel.Warning, new EventId(1607, nameof(ReportNotWritten)), "report.html not written");

    public static readonly Action<ILogger, string, string, Exception?> RunFinished =
        LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(1608, nameof(RunFinished)), "verdict {Verdict}; run folder {Directory}");

    public static readonly Action<ILogger, int, string, Exception?> HealRetry =
        LoggerMessage.Define<int, string>(LogLevel.Warning, new EventId(1610, nameof(HealRetry)), "heal attempt {Attempt} failed: {Reason}");

    public static readonly Action<ILogger, string, string, Exception?> NodeLogFinding =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(1609, nameof(NodeLogFinding)), "{Check} violated (node logs): {Finding}");

    public static readonly Action<ILogger, string, Exception?> NodeStoppedOnItsOwn =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(1613, nameof(NodeStoppedOnItsOwn)),
            "heal: {NodeId} is not running and was not killed by a fault (it stopped on its own): left as it is");

    public static readonly Action<ILogger, double, string, Exception?> MembershipNotHealed =
        LoggerMessage.Define<double, string>(LogLevel.Warning, new EventId(1612, nameof(MembershipNotHealed)),
            "heal: members still missing after {Seconds:F0} s, left to the heal check: {Missing}");

    public static readonly Action<ILogger, string, string, string, Exception?> MembershipHealStep =
        LoggerMessage.Define<string, string, string>(LogLevel.Information, new EventId(1611, nameof(MembershipHealStep)),
            "heal: adding {Member} back through the leader {Leader}: {Result}");
}
