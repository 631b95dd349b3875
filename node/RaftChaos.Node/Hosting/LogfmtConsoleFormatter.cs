using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace RaftChaos.Node.Hosting;

/// <summary>
/// Writes one logfmt line per event: <c>ts=... level=info node=n1 event=RoleChanged role=leader term=3 msg="..."</c>.
/// One line per event with stable keys, so the controller and people can grep and parse node logs.
/// The timestamp is the node's wall clock, which shows clock-nemesis skew on purpose.
/// </summary>
internal sealed class LogfmtConsoleFormatter : ConsoleFormatter
{
    /// <summary>The name to select this formatter with.</summary>
    public const string FormatterName = "logfmt";

    /// <summary>Node id written on every line; set once at start-up, before logging begins.</summary>
    public static string NodeId { get; set; } = "";

    public LogfmtConsoleFormatter() : base(FormatterName)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var line = new StringBuilder(160);
        line.Append("ts=").Append(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        line.Append(" level=").Append(LevelName(logEntry.LogLevel));
        if (NodeId.Length > 0)
        {
            line.Append(" node=");
            AppendValue(line, NodeId);
        }
        line.Append(" event=");
        AppendValue(line, string.IsNullOrEmpty(logEntry.EventId.Name) ? logEntry.Category : logEntry.EventId.Name);
        if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            foreach (var (key, value) in fields)
            {
                if (key == "{OriginalFormat}")
                {
                    continue;
                }
                line.Append(' ').Append(ToSnake(key)).Append('=');
                AppendValue(line, Format(value));
            }
        }
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (!string.IsNullOrEmpty(message))
        {
            line.Append(" msg=");
            AppendValue(line, message);
        }
        if (logEntry.Exception is { } exception)
        {
            line.Append(" error=");
            AppendValue(line, exception.ToString());
        }
        textWriter.WriteLine(line.ToString());
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "fatal",
        _ => "none",
    };

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Format)),
        _ => value.ToString() ?? "",
    };

    private static void AppendValue(StringBuilder line, string value)
    {
        var needsQuotes = value.Length == 0 || value.Any(c => c is ' ' or '"' or '=' or '\\' || char.IsControl(c));
        if (!needsQuotes)
        {
            line.Append(value);
            return;
        }
        line.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': line.Append("\\\""); break;
                case '\\': line.Append("\\\\"); break;
                case '\n': line.Append("\\n"); break;
                case '\r': break;
                case '\t': line.Append("\\t"); break;
                default: line.Append(c); break;
            }
        }
        line.Append('"');
    }

    // "electionTicks" -> "election_ticks": logfmt keys are conventionally snake case.
    private static string ToSnake(string key)
    {
        var sb = new StringBuilder(key.Length + 4);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
