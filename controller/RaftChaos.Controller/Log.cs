using Microsoft.Extensions.Logging;

namespace RaftChaos.Controller;

/// <summary>
/// Every log event of the controller library, declared once with a stable event id.
/// (LoggerMessage.Define rather than [LoggerMessage]: the source generator would need a direct package reference.)
/// </summary>
internal static class Log
{
    public static readonly Action<ILogger, Uri, string, Version, Exception?> Connected =
        LoggerMessage.Define<Uri, string, Version>(LogLevel.Information, new EventId(1000, nameof(Connected)),
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

    public static readonly Action<ILogger, string, string, Exception?> FaultApplied =
        LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(1300, nameof(FaultApplied)),
            "{Fault} applied: {Detail}");

    public static readonly Action<ILogger, string, string, Exception?> FaultHealed =
        LoggerMessage.Define<string, string>(LogLevel.Information, new EventId(1301, nameof(FaultHealed)),
            "{Fault} healed: {Detail}");
}
