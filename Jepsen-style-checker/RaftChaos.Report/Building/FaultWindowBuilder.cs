using RaftChaos.Checker.History;
using RaftChaos.Report.Model;

namespace RaftChaos.Report.Building;

/// <summary>
/// Pairs nemesis events into fault windows. <c>start-X</c> opens a window of kind X that <c>stop-X</c> (or
/// <c>heal-X</c>, <c>end-X</c>) closes; <c>kill…</c> opens a <c>kill</c> window closed by <c>start</c>, <c>restart</c>
/// or <c>revive</c>; <c>pause</c> is closed by <c>resume</c> or <c>unpause</c>; a skewed clock (<c>clock-bump</c>,
/// <c>clock-strobe</c>) is closed by <c>clock-reset</c>, a clock rate (<c>clock-rate</c>) by <c>clock-rate-reset</c>, since
/// a clock stays wrong until it is reset; <c>heal</c>, <c>heal-all</c> and
/// <c>stop-all</c> close every open window. A closing event closes all open windows of its kind (a kill of two nodes
/// healed by one start). Any other f is an instantaneous action (a clock bump). When the nemesis logs both
/// invoke and completion events, only the completions are used.
/// </summary>
internal static class FaultWindowBuilder
{
    /// <summary>Builds the windows; times are made relative to <paramref name="origin"/>; unhealed ones end at <paramref name="end"/>.</summary>
    public static IReadOnlyList<FaultWindow> Build(IReadOnlyList<HistoryEvent> nemesisEvents, long origin, long end)
    {
        var events = nemesisEvents.Any(e => e.Type != HistoryEventType.Invoke) && nemesisEvents.Any(e => e.Type == HistoryEventType.Invoke)
            ? nemesisEvents.Where(e => e.Type != HistoryEventType.Invoke)
            : nemesisEvents;
        var windows = new List<FaultWindow>();
        var open = new List<(string Kind, HistoryEvent Event)>();
        foreach (var historyEvent in events)
        {
            var (role, kind) = Classify(historyEvent.F);
            var time = historyEvent.Time - origin;
            switch (role)
            {
                case Role.Open:
                    open.Add((kind, historyEvent));
                    break;
                case Role.Close:
                case Role.CloseAll:
                    foreach (var (openKind, start) in open.Where(o => role == Role.CloseAll || o.Kind == kind).ToArray())
                    {
                        windows.Add(Window(openKind, start.F, historyEvent.F, start.Time - origin, time, true, start));
                        open.Remove((openKind, start));
                    }

                    break;
                default:
                    windows.Add(Window(kind, historyEvent.F, null, time, time, true, historyEvent));
                    break;
            }
        }

        windows.AddRange(open.Select(o => Window(o.Kind, o.Event.F, null, o.Event.Time - origin, end, false, o.Event)));
        return windows.OrderBy(w => w.Start).ThenBy(w => w.StartIndex).ToArray();
    }

    private static FaultWindow Window(string kind, string startF, string? stopF, long start, long end, bool healed, HistoryEvent starting)
    {
        var value = starting.Value.IsNull ? null : starting.Value.ToJson();
        return new FaultWindow(kind, startF, stopF, start, end, healed, value, starting.Index, FaultLabel.Of(kind, value));
    }

    private static (Role Role, string Kind) Classify(string f)
    {
        foreach (var prefix in (string[])["start-", "begin-"])
        {
            if (f.StartsWith(prefix, StringComparison.Ordinal) && f.Length > prefix.Length)
            {
                return (Role.Open, f[prefix.Length..]);
            }
        }

        if (f is "heal" or "heal-all" or "stop-all")
        {
            return (Role.CloseAll, f);
        }

        foreach (var prefix in (string[])["stop-", "heal-", "end-"])
        {
            if (f.StartsWith(prefix, StringComparison.Ordinal) && f.Length > prefix.Length)
            {
                return (Role.Close, f[prefix.Length..]);
            }
        }

        return f switch
        {
            _ when f.StartsWith("kill", StringComparison.Ordinal) => (Role.Open, "kill"),
            "start" or "restart" or "revive" => (Role.Close, "kill"),
            "pause" => (Role.Open, "pause"),
            "resume" or "unpause" => (Role.Close, "pause"),
            "clock-bump" or "clock-strobe" => (Role.Open, "clock"),
            "clock-reset" => (Role.Close, "clock"),
            "clock-rate" => (Role.Open, "clock-rate"),
            "clock-rate-reset" => (Role.Close, "clock-rate"),
            _ => (Role.Instant, f),
        };
    }

    private enum Role
    {
        Open,
        Close,
        CloseAll,
        Instant,
    }
}
