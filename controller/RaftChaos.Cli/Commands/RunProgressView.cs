using System.Globalization;
using RaftChaos.Controller.Runs;
using Spectre.Console;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// The live display of <c>raftchaos run</c>: a Spectre.Console table (phase, elapsed, ok/fail/info, faults) refreshed
/// four times a second on a terminal; plain lines every 5 s (and at each phase change) when output is redirected.
/// </summary>
internal static class RunProgressView
{
    /// <summary>
    /// Shows <paramref name="run"/>'s progress until <paramref name="work"/> completes, and returns its result: a live table
    /// when <paramref name="interactive"/>, else a line per phase and every 5 s to <paramref name="lines"/>.
    /// </summary>
    public static async Task<T> ShowAsync<T>(ChaosRun run, Task<T> work, bool interactive, TextWriter lines)
    {
        if (!interactive)
        {
            var lastPhase = (RunPhase)(-1);
            var lastLine = TimeSpan.MinValue;
            while (!work.IsCompleted)
            {
                var p = run.Progress;
                if (p.Phase != lastPhase || p.Elapsed - lastLine >= TimeSpan.FromSeconds(5))
                {
                    await lines.WriteLineAsync(Line(p)).ConfigureAwait(false);
                    lastPhase = p.Phase;
                    lastLine = p.Elapsed;
                }
                await Task.WhenAny(work, Task.Delay(250)).ConfigureAwait(false);
            }
            return await work.ConfigureAwait(false);
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("phase", "elapsed", "ok", "fail", "info", "faults", "active");
        await AnsiConsole.Live(table).StartAsync(async context =>
        {
            while (!work.IsCompleted)
            {
                Render(table, run.Progress);
                context.Refresh();
                await Task.WhenAny(work, Task.Delay(250)).ConfigureAwait(false);
            }
            Render(table, run.Progress);
            context.Refresh();
        }).ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }

    private static void Render(Table table, RunProgress p)
    {
        table.Rows.Clear();
        table.AddRow(
            new Markup($"[bold]{p.Phase}[/]"),
            new Text(p.Elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture)),
            new Markup($"[green]{p.Ok}[/]"),
            new Markup($"[yellow]{p.Fail}[/]"),
            new Markup($"[red]{p.Info}[/]"),
            new Text(p.FaultsStarted.ToString(CultureInfo.InvariantCulture)),
            new Text(p.ActiveFaults.Count == 0 ? "-" : string.Join("\n", p.ActiveFaults)));
    }

    private static string Line(RunProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"[run] {p.Elapsed:mm\\:ss} {p.Phase,-10} ok {p.Ok} fail {p.Fail} info {p.Info} faults {p.FaultsStarted}{(p.ActiveFaults.Count == 0 ? "" : " active: " + string.Join("; ", p.ActiveFaults))}");
}
