namespace RaftChaos.Nightly.Execution;

/// <summary>Settings of <see cref="ProcessRunExecutor"/>. Plain properties with documented defaults; validated once.</summary>
public sealed class ProcessRunExecutorOptions
{
    /// <summary>
    /// The program and leading arguments that make <c>raftchaos</c>, e.g. <c>["/opt/raftchaos/raftchaos"]</c> or
    /// <c>["dotnet", "/opt/raftchaos/raftchaos.dll"]</c>. Default: <c>["raftchaos"]</c> from PATH. See <see cref="ForAssembly"/>.
    /// </summary>
    public IReadOnlyList<string> Command { get; set; } = ["raftchaos"];

    /// <summary>Arguments added to every <c>raftchaos run</c> after the planned ones (e.g. <c>--rate 50</c>). Default: none.</summary>
    public IReadOnlyList<string> ExtraArguments { get; set; } = [];

    /// <summary>Environment variables set for the run process (e.g. DOCKER_API_VERSION). Default: none beyond the inherited ones.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// After Ctrl-C, how long the run may take to heal and remove its containers before it is killed. Default: 90 s
    /// (a killed controller leaves containers behind for the next run's reaper).
    /// </summary>
    public TimeSpan InterruptGrace { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// A run that takes longer than its time limit plus this is stopped like a Ctrl-C and recorded as an error. Default: 10 min
    /// (image builds on a cold machine take minutes).
    /// </summary>
    public TimeSpan Overrun { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The command for the <c>raftchaos</c> assembly at <paramref name="assemblyPath"/>: its app host beside it when
    /// present, else <c>dotnet</c> with the dll (the host the SDK names in DOTNET_HOST_PATH, else from PATH).
    /// </summary>
    public static IReadOnlyList<string> ForAssembly(string assemblyPath)
    {
        var appHost = Path.ChangeExtension(assemblyPath, null);
        if (File.Exists(appHost) && !OperatingSystem.IsWindows())
        {
            return [appHost];
        }

        var dotnet = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return [dotnet, assemblyPath];
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (Command.Count == 0 || string.IsNullOrWhiteSpace(Command[0]))
        {
            throw new ArgumentException("the raftchaos command is empty", nameof(Command));
        }

        if (InterruptGrace <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InterruptGrace), InterruptGrace, "must be positive");
        }

        if (Overrun <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Overrun), Overrun, "must be positive");
        }
    }
}
