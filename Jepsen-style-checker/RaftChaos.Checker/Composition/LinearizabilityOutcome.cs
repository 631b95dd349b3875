using System.Globalization;

namespace RaftChaos.Checker.Composition;

/// <summary>The linearizability check of a history as one <see cref="CheckOutcome"/> among a run's checks.</summary>
public static class LinearizabilityOutcome
{
    /// <summary>The check's name in a run's outcomes.</summary>
    public const string Name = "linearizability";

    /// <summary>
    /// One finding per key that is not linearizable, timed by the earliest completion among the operations that cannot
    /// follow its longest linearizable prefix (the moment the anomaly became visible); for an unknown verdict, why.
    /// </summary>
    public static CheckOutcome From(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Verdict switch
        {
            Verdict.Valid => CheckOutcome.Valid(Name),
            Verdict.Invalid => new CheckOutcome(Name, Verdict.Invalid, [.. result.FailingKeys.Select(Finding).OrderBy(f => f.AtSeconds ?? double.MaxValue)]),
            _ => new CheckOutcome(Name, Verdict.Unknown, [.. result.Keys.Where(k => k.Verdict == Verdict.Unknown)
                .Select(k => new Finding($"{Where(k.Key)}: {k.UnknownReason ?? "could not decide"}", null, k.Key))
                .DefaultIfEmpty(new Finding(result.UnknownReason ?? "could not decide"))]),
        };
    }

    private static Finding Finding(KeyCheckResult key)
    {
        var blocked = key.Counterexample?.CannotFollow
            .Select(b => b.Operation)
            .OrderBy(o => o.CompletionTime ?? o.InvokeTime)
            .FirstOrDefault();
        if (blocked is null)
        {
            return new Finding($"{Where(key.Key)}: not linearizable", null, key.Key);
        }

        var prefix = key.Counterexample!.LongestPrefix.Count;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Where(key.Key)}: {blocked.Describe()} cannot follow the longest linearizable prefix ({prefix} operations, state {key.Counterexample.StateAfterPrefix})");
        return new Finding(text, (blocked.CompletionTime ?? blocked.InvokeTime) / 1e9, key.Key);
    }

    private static string Where(string? key) => key is null ? "the register" : $"key {key}";
}
