using RaftChaos.Checker.History;

namespace RaftChaos.Checker.Tests.Support;

/// <summary>Short names for values in test histories.</summary>
internal static class Values
{
    public static HistoryValue Int(long value) => HistoryValue.Of(value);

    public static HistoryValue Str(string value) => HistoryValue.Of(value);

    public static HistoryValue Cas(long expected, long replacement) => HistoryValue.ListOf(Int(expected), Int(replacement));

    public static HistoryValue Null => HistoryValue.Null;
}
