using RaftChaos.Node.Hosting;

// The node's entry point: parse flags and environment, then either probe a running node or run one.
var parsed = NodeOptionsParser.Parse(args, Environment.GetEnvironmentVariable);
if (parsed.HelpRequested)
{
    Console.WriteLine(NodeOptionsParser.Usage);
    return 0;
}
if (parsed.Options is not { } options)
{
    Console.Error.WriteLine($"error: {parsed.Error}");
    return 64;
}
if (options.HealthProbe)
{
    return await HealthProbe.RunAsync(options, CancellationToken.None);
}

var app = NodeHost.Build(options);
await app.RunAsync();
// A failed Raft loop sets a non-zero exit code before it stops the host (see RaftLoop).
return Environment.ExitCode;
