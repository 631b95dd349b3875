using System.Diagnostics;

namespace RaftChaos.Report.Tests.Support;

/// <summary>
/// Debian's <c>/usr/bin/chromium</c> run headless with a fresh profile: <c>--dump-dom</c> returns the DOM after the page
/// script ran, <c>--screenshot</c> writes a PNG. Where chromium is missing the test is ignored, unless
/// <c>RAFTCHAOS_REQUIRE_BROWSER=1</c> (set by <c>.ci/run</c>) makes that a failure.
/// </summary>
internal sealed class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly string executable;

    private HeadlessChromium(string executable) => this.executable = executable;

    /// <summary>The browser, or an ignore/fail when it is absent.</summary>
    public static HeadlessChromium Require()
    {
        var path = Environment.GetEnvironmentVariable("RAFTCHAOS_CHROMIUM") is { Length: > 0 } overridden ? overridden : "/usr/bin/chromium";
        if (File.Exists(path))
        {
            return new HeadlessChromium(path);
        }

        var message = $"headless browser not found at {path} (apt-get install -y chromium, or set RAFTCHAOS_CHROMIUM)";
        if (Environment.GetEnvironmentVariable("RAFTCHAOS_REQUIRE_BROWSER") == "1")
        {
            Assert.Fail(message + " (RAFTCHAOS_REQUIRE_BROWSER=1)");
        }

        Assert.Ignore(message);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The DOM of <paramref name="htmlPath"/> after its scripts ran.</summary>
    public async Task<string> DumpDomAsync(string htmlPath, CancellationToken cancellationToken)
    {
        var (output, _) = await RunAsync(["--dump-dom", "--window-size=1400,900", new Uri(htmlPath).AbsoluteUri], cancellationToken);
        return output;
    }

    /// <summary>
    /// The DOM of <paramref name="htmlPath"/> after its scripts ran and then <paramref name="probeScript"/>, which runs in a
    /// copy of the page (beside it, so relative links still resolve) as one more inline script after the page's own: it
    /// can click, measure the layout (getBoundingClientRect, getBBox) and leave what it found in the DOM.
    /// </summary>
    public async Task<string> DumpDomAfterAsync(string htmlPath, string probeScript, CancellationToken cancellationToken)
    {
        var html = await File.ReadAllTextAsync(htmlPath, cancellationToken);
        var at = html.LastIndexOf("</body>", StringComparison.Ordinal);
        var probePath = Path.Combine(Path.GetDirectoryName(htmlPath)!, Path.GetFileNameWithoutExtension(htmlPath) + ".probe.html");
        await File.WriteAllTextAsync(probePath, html[..at] + "<script>\n" + probeScript + "\n</script>\n" + html[at..], cancellationToken);
        return await DumpDomAsync(probePath, cancellationToken);
    }

    /// <summary>Writes a screenshot of <paramref name="htmlPath"/> to <paramref name="pngPath"/>.</summary>
    public async Task ScreenshotAsync(string htmlPath, string pngPath, int width, int height, CancellationToken cancellationToken)
    {
        var (_, error) = await RunAsync([$"--screenshot={pngPath}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(htmlPath).AbsoluteUri], cancellationToken);
        if (!File.Exists(pngPath))
        {
            Assert.Fail($"chromium wrote no screenshot: {error}");
        }
    }

    private async Task<(string Output, string Error)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var profile = Path.Combine(Path.GetTempPath(), "raftchaos-chromium-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                "--disable-component-update", "--disable-sync", "--disable-extensions", $"--user-data-dir={profile}"])
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (await output, await error);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // chromium's helpers may linger for a moment; the temp folder is cleaned by the system.
            }
        }
    }
}
