using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RaftChaos.Controller.Runs;

/// <summary>
/// The run's controller.log: one timestamped line per log event (UTC, level, message, exception), flushed per line so
/// a crashed run still leaves its story. Also hands each line to an optional observer (the CLI's plain output).
/// </summary>
public sealed class RunLog(string path, LogLevel minimum = LogLevel.Information, Action<string>? observer = null) : ILogger, IDisposable
{
    private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {Level(logLevel)} {formatter(state, exception)}");
        if (exception is not null) line += " | " + exception.GetType().Name + ": " + exception.Message;
        lock (_gate)
        {
            if (_disposed) return;
            _writer.WriteLine(line);
        }
        observer?.Invoke(line);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _writer.Dispose();
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info ",
        LogLevel.Warning => "warn ",
        LogLevel.Error => "error",
        _ => "crit ",
    };
}
