using System.Globalization;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// A clock setting for one node, planned as data and written to the node's libfaketime control file by
/// <see cref="FaketimeClock"/>: an offset from real time, optionally a rate, or an absolute start time.
/// </summary>
public sealed record ClockSkew
{
    private ClockSkew(TimeSpan offset, double rate, DateTimeOffset? startAt)
    {
        if (!double.IsFinite(rate) || rate <= 0) throw new ArgumentOutOfRangeException(nameof(rate), rate, "must be a positive finite number");
        Offset = offset;
        Rate = rate;
        StartAt = startAt;
    }

    /// <summary>Real time: what a reset writes.</summary>
    public static ClockSkew None { get; } = new(TimeSpan.Zero, 1.0, null);

    /// <summary>The clock jumps by <paramref name="offset"/> (forward when positive) and then runs at real speed.</summary>
    public static ClockSkew Bump(TimeSpan offset) => new(offset, 1.0, null);

    /// <summary>
    /// The clock runs <paramref name="rate"/> times as fast as real time (0.5 = half speed), after <paramref name="offset"/>.
    /// libfaketime measures a rate from process start (smoothed by FAKETIME_XRESET), so expect a jump when it changes.
    /// </summary>
    public static ClockSkew Skew(double rate, TimeSpan offset = default) => new(offset, rate, null);

    /// <summary>The clock restarts at <paramref name="startAt"/> and runs at real speed from there.</summary>
    public static ClockSkew StartingAt(DateTimeOffset startAt) => new(TimeSpan.Zero, 1.0, startAt);

    /// <summary>Offset from real time (ignored when <see cref="StartAt"/> is set).</summary>
    public TimeSpan Offset { get; }

    /// <summary>Speed relative to real time; 1 is real speed.</summary>
    public double Rate { get; }

    /// <summary>An absolute time the clock restarts from, or null for an offset.</summary>
    public DateTimeOffset? StartAt { get; }

    /// <summary>
    /// The line libfaketime reads from FAKETIME_TIMESTAMP_FILE: "+5.000" / "-3.000" (seconds), "+0.000 x2", or
    /// "@2030-01-01 00:00:00" (UTC, the containers' zone). Invariant culture: libfaketime parses with the C locale.
    /// </summary>
    public string ToFaketimeSpec()
    {
        var ci = CultureInfo.InvariantCulture;
        var spec = StartAt is { } at
            ? "@" + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", ci)
            : (Offset < TimeSpan.Zero ? "-" : "+") + Math.Abs(Offset.TotalSeconds).ToString("0.000", ci);
        return Rate == 1.0 ? spec : spec + " x" + Rate.ToString("0.######", ci);
    }

    /// <inheritdoc />
    public override string ToString() => ToFaketimeSpec();
}
