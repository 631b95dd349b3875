namespace RaftChaos.Controller.Targets;

/// <summary>The targets <c>raftchaos run --target NAME</c> knows, each with its default settings. A new system is one line here.</summary>
public static class SystemsUnderTest
{
    /// <summary>The target a run uses when none is named: our own node.</summary>
    public const string DefaultName = RaftChaosTarget.TargetName;

    private static readonly IReadOnlyDictionary<string, Func<ISystemUnderTest>> Factories = new Dictionary<string, Func<ISystemUnderTest>>(StringComparer.Ordinal)
    {
        [RaftChaosTarget.TargetName] = () => new RaftChaosTarget(),
        [EtcdTarget.TargetName] = () => new EtcdTarget(),
    };

    /// <summary>Every name <c>--target</c> accepts, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The target called <paramref name="name"/> with its default settings, or null when there is none.</summary>
    public static ISystemUnderTest? Find(string? name) =>
        name is not null && Factories.TryGetValue(name, out var create) ? create() : null;
}
