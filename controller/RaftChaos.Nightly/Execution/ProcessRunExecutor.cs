using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RaftChaos.Nightly.Planning;

namespace RaftChaos.Nightly.Execution;

/// <summary>
/// Runs each planned run as a <c>raftchaos run</c> process, its console output kept in
/// <c>STORE/NAME.console.log</c>, then reads the run folder it wrote (<c>STORE/NAME/TIMESTAMP/</c>).
/// A process per run keeps one run's crash, memory and terminal display away from the night. The child runs in its own
/// session (<c>setsid</c>) so a Ctrl-C at the terminal reaches only the night, which then sends the run exactly one
/// SIGTERM: <c>raftchaos run</c> heals and removes its containers on it as on Ctrl-C. SIGTERM rather than SIGINT because
/// a process started in the background inherits SIGINT ignored (POSIX shells do that to <c>&amp;</c> jobs).
/// </summary>
public sealed class ProcessRunExecutor : IRunExecutor
{
    private const int SigTerm = 15;
    private const string SetSid = "/usr/bin/setsid";
    private readonly ProcessRunExecutorOptions options;
    private readonly TimeProvider time;

    /// <summary>Creates an executor.</summary>
    public ProcessRunExecutor(ProcessRunExecutorOptions options, TimeProvider? timeProvider = null)
    {
        options.Validate();
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, CancellationToken cancellationToken)
        => ExecuteAsync(run, storeDirectory, null, cancellationToken);

    /// <inheritdoc />
    public async Task<RunOutcome> ExecuteAsync(PlannedRun run, string storeDirectory, string? engine, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(storeDirectory);
        var started = time.GetTimestamp();
        var logPath = Path.Combine(storeDirectory, run.Name + ".console.log");
        using var process = new Process { StartInfo = StartInfo(run, storeDirectory, engine) };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new RunOutcome(run, RunVerdict.Error, time.GetElapsedTime(started),
                Error: $"could not start {string.Join(' ', options.Command)}: {ex.Message}");
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        await using (log.ConfigureAwait(false))
        {
            var pumps = Task.WhenAll(Pump(process.StandardOutput, log), Pump(process.StandardError, log));
            var stop = await WaitAsync(process, run, cancellationToken).ConfigureAwait(false);

            // A grandchild the run left behind may hold its output open: give the pipes a moment to drain, not forever.
            await Task.WhenAny(pumps, Task.Delay(TimeSpan.FromSeconds(5), time)).ConfigureAwait(false);
            var exitCode = process.ExitCode;
            var duration = time.GetElapsedTime(started);
            var folder = FindRunFolder(storeDirectory, run.Name);

            // The folder is read even after an interrupt: a run stopped by Ctrl-C still files what it recorded.
            var findings = folder is null ? null : await RunFolderReader.ReadAsync(folder, CancellationToken.None).ConfigureAwait(false);
            if (stop is not null)
            {
                return new RunOutcome(run, cancellationToken.IsCancellationRequested ? RunVerdict.Interrupted : RunVerdict.Error, duration, folder,
                    findings?.Counts, findings?.Failover, null, exitCode, $"{stop}; console output in {logPath}");
            }

            if (findings?.Verdict is { } verdict)
            {
                return new RunOutcome(run, verdict, duration, folder, findings.Counts, findings.Failover, findings.Detection, exitCode,
                    findings.Problem);
            }

            var why = folder is null ? "no run folder was written" : findings?.Problem ?? "results.json has no verdict";
            return new RunOutcome(run, RunVerdict.Error, duration, folder, findings?.Counts, findings?.Failover, null, exitCode,
                $"exit {exitCode.ToString(CultureInfo.InvariantCulture)}, {why}; console output in {logPath}");
        }
    }

    /// <summary>
    /// The newest folder under <c>STORE/NAME/</c> (timestamps sort as text), or null. The night gives every run its own
    /// name, so that folder can only be this run's.
    /// </summary>
    public static string? FindRunFolder(string storeDirectory, string name)
    {
        var parent = Path.Combine(storeDirectory, name);
        return Directory.Exists(parent)
            ? Directory.GetDirectories(parent).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }

    // Null when the run ended by itself, else why it was stopped.
    private async Task<string?> WaitAsync(Process process, PlannedRun run, CancellationToken cancellationToken)
    {
        using var overrun = new CancellationTokenSource(run.TimeLimit + options.Overrun, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, overrun.Token);
        try
        {
            await process.WaitForExitAsync(either.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            // Fall through to the interrupt below; the run is told once and given time to clean up.
        }

        var why = cancellationToken.IsCancellationRequested
            ? "stopped by Ctrl-C"
            : $"overran its time limit by more than {options.Overrun.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        _ = Kill(process.Id, SigTerm);
        using var grace = new CancellationTokenSource(options.InterruptGrace, time);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            why += $"; killed after {options.InterruptGrace.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s of clean-up";
        }

        return why;
    }

    private ProcessStartInfo StartInfo(PlannedRun run, string storeDirectory, string? engine)
    {
        var command = new List<string>(options.Command);
        command.AddRange(run.RunArguments());
        command.AddRange(["--store", storeDirectory, "--name", run.Name]);
        // Where, not what: the engine is no part of the run's replay command, only of this process's arguments.
        if (engine is not null)
        {
            command.AddRange(["--engines", engine]);
        }

        command.AddRange(options.ExtraArguments);
        var useSetSid = File.Exists(SetSid);
        var info = new ProcessStartInfo(useSetSid ? SetSid : command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in useSetSid ? command : command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static async Task Pump(StreamReader from, StreamWriter to)
    {
        try
        {
            while (await from.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
            {
                // Both streams share one log: a line at a time, under a lock, so lines never interleave mid-way.
                lock (to)
                {
                    to.WriteLine(line);
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException)
        {
            // The run is over and its outcome taken; output still trickling from a leftover grandchild is dropped.
        }
    }

    // Process can only SIGKILL; libc's kill(2) sends SIGTERM, on which the run cleans up as after a user's Ctrl-C.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
