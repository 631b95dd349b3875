using System.ComponentModel;

namespace RaftChaos.Controller.Images;

/// <summary>Runs the programs of an image build (docker, dotnet, bash) and turns "cannot start it" into <see cref="NodeImageException"/>.</summary>
internal static class ImageCommands
{
    /// <summary><see cref="ExternalProcess.RunAsync"/>, with a missing program reported as an image build failure.</summary>
    public static async Task<ExternalProcess.Result> RunAsync(string file, string[] args, string cwd, Action<string>? onLine, CancellationToken cancellationToken)
    {
        try
        {
            // docker (and build-base.sh's docker import) get the build engine spelled out: the endpoint BuildEngine's API calls use.
            var environment = file is "docker" or "bash" ? BuildEngine.Endpoint.ToEnvironment() : null;
            return await ExternalProcess.RunAsync(file, args, cwd, onLine, cancellationToken, environment).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new NodeImageException($"cannot run '{file}': {e.Message}");
        }
    }
}
