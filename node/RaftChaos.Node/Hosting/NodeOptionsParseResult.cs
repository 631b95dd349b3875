namespace RaftChaos.Node.Hosting;

/// <summary>What <see cref="NodeOptionsParser"/> made of the command line: options, a usage error, or a help request.</summary>
internal sealed record NodeOptionsParseResult(NodeOptions? Options, string? Error, bool HelpRequested)
{
    public static NodeOptionsParseResult Ok(NodeOptions options) => new(options, null, false);
    public static NodeOptionsParseResult Fail(string error) => new(null, error, false);
    public static NodeOptionsParseResult Help { get; } = new(null, null, true);
}
