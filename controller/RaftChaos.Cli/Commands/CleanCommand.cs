using System.CommandLine;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Labels;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// <c>raftchaos clean</c>: removes every container and network labelled <c>raftchaos.run</c>, of every run, including
/// runs in progress (the engine may be shared: other users' tests too). <c>--stale</c> removes only runs whose
/// controller on this host is gone. Exit 0, or 69 without an engine.
/// </summary>
internal static class CleanCommand
{
    public static Command Create()
    {
        var stale = new Option<bool>("--stale") { Description = "only runs whose controller process on this host is gone" };
        var command = new Command("clean", "Remove every container and network labelled raftchaos.run (what crashed runs left)") { stale };
        command.Action = new UsageCheckedAction(async (r, ct) =>
        {
            try
            {
                await using var engine = await DockerEngine.ConnectAsync(null, null, ct).ConfigureAwait(false);
                if (r.GetValue(stale))
                {
                    var runs = await new StaleRunReaper(engine).ReapAsync(null, ct).ConfigureAwait(false);
                    await r.InvocationConfiguration.Output.WriteLineAsync($"removed {runs.Count} stale runs{(runs.Count > 0 ? ": " + string.Join(", ", runs) : "")}").ConfigureAwait(false);
                    return 0;
                }
                var removed = await new Reaper(engine).ReapAsync(null, ct).ConfigureAwait(false);
                await r.InvocationConfiguration.Output.WriteLineAsync($"removed {removed.Containers} containers and {removed.Networks} networks labelled {RunLabels.Run}").ConfigureAwait(false);
                return 0;
            }
            catch (DockerUnavailableException ex)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync("raftchaos clean: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
        });
        return command;
    }
}
