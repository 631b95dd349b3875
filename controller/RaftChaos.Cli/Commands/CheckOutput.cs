using System.Globalization;
using System.Text.Json;
using RaftChaos.Checker;
using RaftChaos.Checker.History;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// Prints <c>raftchaos check</c> results: a line per file (<c>FILE: valid|invalid|unknown (N ops, K keys, T ms)</c>,
/// then a short counterexample for an invalid file), or with <c>--json</c> exactly one JSON object per line per file:
/// <c>file, valid (true|false|"unknown"), ops, keys, ms, failing_keys, model, unknown_reason, counterexamples, undecided</c>
/// (<c>undecided</c>: per key the search could not decide, how far it got: <c>key, reason, searched, linearized, prefix,
/// state</c>); a malformed or unreadable file gets <c>{"file", "error", "line"}</c> instead.
/// </summary>
internal sealed class CheckOutput(TextWriter output, bool json)
{
    private const int BlockedShown = 5;
    private const int PrefixTailShown = 3;
    private const int FailingKeysShown = 3;
    private const int TextShown = 60;

    public void WriteResult(string path, CheckResult result, TimeSpan elapsed)
    {
        var ms = (long)Math.Round(elapsed.TotalMilliseconds);
        if (json)
        {
            WriteJsonLine(writer =>
            {
                writer.WriteString("file", path);
                switch (result.Verdict)
                {
                    case Verdict.Valid: writer.WriteBoolean("valid", true); break;
                    case Verdict.Invalid: writer.WriteBoolean("valid", false); break;
                    default: writer.WriteString("valid", "unknown"); break;
                }

                writer.WriteNumber("ops", result.OperationCount);
                writer.WriteNumber("keys", result.KeyCount);
                writer.WriteNumber("ms", ms);
                writer.WriteStartArray("failingKeys");
                foreach (var key in result.FailingKeys)
                {
                    WriteKey(writer, key.Key);
                }

                writer.WriteEndArray();
                writer.WriteString("model", result.Model);
                if (result.UnknownReason is { } reason)
                {
                    writer.WriteString("unknownReason", reason);
                }

                writer.WriteStartArray("counterexamples");
                foreach (var counterexample in result.FailingKeys.Select(key => key.Counterexample!))
                {
                    WriteCounterexample(writer, counterexample);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("undecided");
                foreach (var key in result.UndecidedKeys)
                {
                    WriteProgress(writer, key.UnknownReason ?? "", key.Progress!);
                }

                writer.WriteEndArray();
            });
            return;
        }

        var verdict = result.Verdict.ToString().ToLowerInvariant();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {verdict} ({result.OperationCount} ops, {result.KeyCount} keys, {ms} ms)"));
        if (result.UnknownReason is { } unknownReason)
        {
            output.WriteLine($"  {unknownReason}");
        }

        foreach (var key in result.UndecidedKeys.Take(FailingKeysShown))
        {
            WriteProgress(key.UnknownReason ?? "", key.Progress!);
        }

        var failing = result.FailingKeys.ToList();
        foreach (var key in failing.Take(FailingKeysShown))
        {
            WriteCounterexample(key.Counterexample!);
        }

        if (failing.Count > FailingKeysShown)
        {
            output.WriteLine($"  ... and {failing.Count - FailingKeysShown} more failing keys (see --json)");
        }
    }

    public void WriteError(string path, string reason, int? line)
    {
        if (!json)
        {
            return;
        }

        WriteJsonLine(writer =>
        {
            writer.WriteString("file", path);
            writer.WriteString("error", reason);
            if (line is { } number)
            {
                writer.WriteNumber("line", number);
            }
        });
    }

    private static void WriteKey(Utf8JsonWriter writer, string? key)
    {
        if (key is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(key);
        }
    }

    private static void WriteProgress(Utf8JsonWriter writer, string reason, SearchProgress progress)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("key");
        WriteKey(writer, progress.Key);
        writer.WriteString("reason", reason);
        writer.WriteNumber("searched", progress.SearchedOperations);
        writer.WriteNumber("linearized", progress.LinearizedOperations);
        WritePrefix(writer, progress.LongestPrefix, progress.StateAfterPrefix);
        writer.WriteEndObject();
    }

    /// <summary>The longest linearizable prefix (of a counterexample or of an undecided key) and the state after it.</summary>
    private static void WritePrefix(Utf8JsonWriter writer, IReadOnlyList<LinearizedStep> prefix, string stateAfterPrefix)
    {
        writer.WriteStartArray("prefix");
        foreach (var step in prefix)
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", step.Operation.Id);
            writer.WriteString("describe", step.Operation.Describe());
            writer.WriteString("stateAfter", step.StateAfter);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("state", stateAfterPrefix);
    }

    private static void WriteCounterexample(Utf8JsonWriter writer, Counterexample counterexample)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("key");
        WriteKey(writer, counterexample.Key);
        writer.WriteNumber("prefixLength", counterexample.LongestPrefix.Count);
        WritePrefix(writer, counterexample.LongestPrefix, counterexample.StateAfterPrefix);
        writer.WriteStartArray("cannotFollow");
        foreach (var blocked in counterexample.CannotFollow)
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", blocked.Operation.Id);
            writer.WriteString("describe", blocked.Operation.Describe());
            writer.WriteNumber("invokeLine", blocked.Operation.InvokeLine);
            writer.WriteNumber("completionLine", blocked.Operation.CompletionLine ?? 0);
            writer.WriteString("reason", blocked.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Long kv strings (appends concatenate) would drown the line; their ends are what differs, so keep both ends.
    private static string Short(string text) =>
        text.Length <= TextShown ? text : string.Concat(text.AsSpan(0, 20), "…", text.AsSpan(text.Length - (TextShown - 21)));

    private static string Lines(Operation operation) =>
        operation.CompletionLine is { } completion ? $"lines {operation.InvokeLine}-{completion}" : $"line {operation.InvokeLine}";

    private void WriteProgress(string reason, SearchProgress progress)
    {
        var key = progress.Key is null ? "the register" : $"key \"{progress.Key}\"";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {key}: undecided ({reason}); the longest linearizable prefix found has {progress.LinearizedOperations} of {progress.SearchedOperations} operations, ending in state {Short(progress.StateAfterPrefix)}"));
        var tail = progress.LongestPrefix.TakeLast(PrefixTailShown).ToList();
        if (tail.Count > 0)
        {
            output.WriteLine("    last linearized: " + string.Join("; ", tail.Select(step => $"{Short(step.Operation.Describe())} => {Short(step.StateAfter)}")));
        }
    }

    private void WriteCounterexample(Counterexample counterexample)
    {
        var key = counterexample.Key is null ? "the register" : $"key \"{counterexample.Key}\"";
        output.WriteLine($"  {key}: {counterexample.LongestPrefix.Count} ops linearize, ending in state {Short(counterexample.StateAfterPrefix)}; then none of these can come next:");
        foreach (var blocked in counterexample.CannotFollow.Take(BlockedShown))
        {
            output.WriteLine($"    {Short(blocked.Operation.Describe())} ({Lines(blocked.Operation)}): {(blocked.LegalNext ? "legal, but no linearization of the rest follows" : "not legal there")}");
        }

        if (counterexample.CannotFollow.Count > BlockedShown)
        {
            output.WriteLine($"    ... and {counterexample.CannotFollow.Count - BlockedShown} more");
        }

        var tail = counterexample.LongestPrefix.TakeLast(PrefixTailShown).ToList();
        if (tail.Count > 0)
        {
            output.WriteLine("    last linearized: " + string.Join("; ", tail.Select(step => $"{Short(step.Operation.Describe())} => {Short(step.StateAfter)}")));
        }
    }

    private void WriteJsonLine(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
