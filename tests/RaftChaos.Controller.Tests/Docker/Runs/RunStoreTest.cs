namespace RaftChaos.Controller.Tests.Docker.Runs;

/// <summary>
/// A base for tests of whole chaos runs: each test files its runs in a temporary store of its own, removed after a pass
/// and kept (its path written to the test output) after a failure, so the run folder that explains it is still there.
/// </summary>
public abstract class RunStoreTest
{
    /// <summary>This test's store folder (<c>ChaosRunOptions.StoreRoot</c>).</summary>
    protected string Store { get; private set; } = "";

    [SetUp]
    public void CreateStore() => Store = Directory.CreateTempSubdirectory("raftchaos-store-").FullName;

    [TearDown]
    public void RemoveStore()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine($"run folders kept in {Store}");
        }
        else
        {
            Directory.Delete(Store, recursive: true);
        }
    }
}
