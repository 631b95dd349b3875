namespace RaftChaos.Checker.Tests.Support;

/// <summary>
/// Finds the team's shared history corpora (<c>../shared/histories</c> beside the repository, or
/// <c>$RAFTCHAOS_SHARED/histories</c>). They are not in the repository, so a user's clone has none: tests that need
/// them are ignored there, unless <c>RAFTCHAOS_REQUIRE_SHARED=1</c> (set by <c>.ci/run</c>) makes that a failure.
/// </summary>
internal static class SharedHistories
{
    /// <summary>The <c>histories</c> folder, or an ignore/fail when it is absent.</summary>
    public static DirectoryInfo RequireFolder()
    {
        var shared = Environment.GetEnvironmentVariable("RAFTCHAOS_SHARED") is { Length: > 0 } overridden
            ? new DirectoryInfo(overridden)
            : FindRepositoryRoot()?.Parent is { } parent ? new DirectoryInfo(Path.Combine(parent.FullName, "shared")) : null;
        var histories = shared is null ? null : new DirectoryInfo(Path.Combine(shared.FullName, "histories"));
        if (histories is { Exists: true })
        {
            return histories;
        }

        var message = $"shared history corpus not found ({histories?.FullName ?? "no RaftChaos.sln above the test directory"}); "
            + "set RAFTCHAOS_SHARED to the folder that holds histories/";
        if (Environment.GetEnvironmentVariable("RAFTCHAOS_REQUIRE_SHARED") == "1")
        {
            Assert.Fail(message + " (RAFTCHAOS_REQUIRE_SHARED=1)");
        }

        Assert.Ignore(message);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The folder holding RaftChaos.sln, walking up from the test binaries.</summary>
    public static DirectoryInfo? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RaftChaos.sln")))
            {
                return dir;
            }
        }

        return null;
    }
}
