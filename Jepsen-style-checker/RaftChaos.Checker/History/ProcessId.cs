using System.Globalization;

namespace RaftChaos.Checker.History;

/// <summary>
/// Who issued an event: a client process (a non-negative integer) or the nemesis
/// (<c>"process":"nemesis"</c> in JSON). A value type so events stay cheap to compare.
/// </summary>
public readonly record struct ProcessId
{
    // -1 encodes the nemesis; client ids are non-negative, as in the JSON format.
    private const int NemesisValue = -1;

    private readonly int value;

    private ProcessId(int value) => this.value = value;

    /// <summary>The fault injector; its events are drawn in reports and ignored by the linearizability check.</summary>
    public static ProcessId Nemesis { get; } = new(NemesisValue);

    /// <summary>A client process with the given non-negative id.</summary>
    public static ProcessId Client(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        return new ProcessId(id);
    }

    /// <summary>True for the nemesis.</summary>
    public bool IsNemesis => value == NemesisValue;

    /// <summary>The client id; throws for the nemesis.</summary>
    public int ClientId => IsNemesis ? throw new InvalidOperationException("the nemesis has no client id") : value;

    /// <inheritdoc />
    public override string ToString() => IsNemesis ? "nemesis" : value.ToString(CultureInfo.InvariantCulture);
}
