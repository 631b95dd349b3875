using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Net.Client;
using RaftChaos.Node.Api;
using RaftChaos.Node.Client;

namespace RaftChaos.Node.Tests.Cluster;

/// <summary>One node as a real OS process (<c>dotnet RaftChaos.Node.dll</c>), so SIGKILL is a real crash.</summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly string _peers;
    private readonly string[] _extraArgs;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public NodeProcess(string id, int port, string dataDir, string peers, string[] extraArgs)
    {
        Id = id;
        Port = port;
        DataDir = dataDir;
        _peers = peers;
        _extraArgs = extraArgs;
        Channel = NodeChannels.Create($"127.0.0.1:{port}");
        Client = new Kv.KvClient(Channel);
    }

    public string Id { get; }
    public int Port { get; }
    public string DataDir { get; }
    public GrpcChannel Channel { get; }
    public Kv.KvClient Client { get; }
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The OS process id (for reading /proc).</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("not started");

    /// <summary>Everything the node printed so far (its structured log), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public void Start()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "RaftChaos.Node.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[dll, "--id", Id, "--peers", _peers, "--listen", $"127.0.0.1:{Port}", "--data-dir", DataDir, .. _extraArgs])
        {
            info.ArgumentList.Add(arg);
        }
        _output.Enqueue($"--- start {Id} at {DateTime.UtcNow:HH:mm:ss.fff}");
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue("stderr: " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>SIGKILL: no shutdown code runs, unsynced data is lost like in a power cut.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            _output.Enqueue($"--- SIGKILL {Id} at {DateTime.UtcNow:HH:mm:ss.fff}");
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
    }

    /// <summary>Waits until the process ends on its own; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken ct)
    {
        var p = _process ?? throw new InvalidOperationException("not started");
        await p.WaitForExitAsync(ct);
        return p.ExitCode;
    }

    /// <summary>SIGTERM, then wait for a clean exit; returns the exit code.</summary>
    public async Task<int> TerminateAsync(CancellationToken ct)
    {
        var p = _process ?? throw new InvalidOperationException("not started");
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString()]))
        {
            await kill.WaitForExitAsync(ct);
        }
        await p.WaitForExitAsync(ct);
        return p.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        Channel.Dispose();
    }
}
