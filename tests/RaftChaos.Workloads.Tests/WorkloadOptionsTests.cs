using RaftChaos.Workloads.Generators;

namespace RaftChaos.Workloads.Tests;

public sealed class WorkloadOptionsTests
{
    [Test]
    public void Defaults_AreTheDocumentedOnesAndValid()
    {
        var options = new WorkloadOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Workload, Is.EqualTo("register"));
            Assert.That(options.Rate, Is.EqualTo(100));
            Assert.That(options.Concurrency, Is.EqualTo(10));
            Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(options.KeyCount, Is.EqualTo(10));
            Assert.That(options.ValueCount, Is.EqualTo(5));
            Assert.That(options.Seed, Is.Zero);
            Assert.That(options.Validate(), Is.Empty);
        });
    }

    [Test]
    public void Validate_EveryBadValue_ReportsEachWithTheOptionName()
    {
        var options = new WorkloadOptions
        {
            Workload = "bank",
            Rate = 0,
            Concurrency = 0,
            Timeout = TimeSpan.Zero,
            KeyCount = 0,
        };

        var errors = options.Validate();

        Assert.That(errors, Has.Count.EqualTo(5));
        Assert.That(errors, Has.Some.Contains("--workload must be one of register, kv; got 'bank'"));
        Assert.That(errors, Has.Some.Contains("--rate"));
        Assert.That(errors, Has.Some.Contains("--concurrency"));
        Assert.That(errors, Has.Some.Contains("--timeout"));
        Assert.That(errors, Has.Some.Contains("--keys"));
    }

    [Test]
    public void EnsureValid_NaNRate_ThrowsWithReason()
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkloadOptions { Rate = double.NaN }.EnsureValid());

        Assert.That(error!.Message, Does.Contain("--rate must be a positive number"));
    }

    [Test]
    public void CreateGenerator_ByName_BuildsTheWorkload()
    {
        Assert.That(new WorkloadOptions().CreateGenerator(), Is.TypeOf<RegisterGenerator>());
        var kv = new WorkloadOptions { Workload = "kv", KeyCount = 50 }.CreateGenerator();
        Assert.That(kv, Is.TypeOf<KeyValueGenerator>());
        Assert.That(kv.Keys, Has.Count.EqualTo(50));
    }

    [Test]
    public void CreateGenerator_KvWithAppends_MixesAppendsIn_RegisterWithAppendsIsInvalid()
    {
        var kv = (KeyValueGenerator)new WorkloadOptions { Workload = "kv", Appends = true }.CreateGenerator();

        Assert.That(kv.Mix, Is.EqualTo(OperationMix.WithAppends));
        Assert.That(new WorkloadOptions { Appends = true }.Validate(), Is.EqualTo(new[] { "appends need the kv workload; got 'register'" }));
    }
}
