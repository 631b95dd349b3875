using System.Diagnostics;
using System.Text;

namespace RaftChaos.Controller.Images;

/// <summary>Runs a program (docker, dotnet, bash) for the image build, streaming or capturing its output.</summary>
internal static class ExternalProcess
{
    /// <summary>The result of one run: exit code and, when captured, the combined output.</summary>
    public sealed record Result(int ExitCode, string Output);

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/>. Each output line goes to <paramref name="onLine"/>
    /// when given; the combined output is also returned. Throws when the program cannot be started.
    /// </summary>
    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, string workingDirectory, Action<string>? onLine, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // The child's own environment only (an empty value removes an inherited variable); never this process's.
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
                onLine?.Invoke(line);
            }
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }
}
