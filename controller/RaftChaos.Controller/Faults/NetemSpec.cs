using System.Globalization;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// What a slow or lossy link does to each packet it carries, netem style (the kernel here has no netem qdisc, so
/// <see cref="IptablesNetem"/> builds it from iptables and a delayer): drop with probability <see cref="Loss"/>, send a
/// copy with probability <see cref="Duplicate"/>, and hold for <see cref="Delay"/> ± <see cref="Jitter"/> (a jitter
/// wider than the gap between packets reorders them), and carry at most <see cref="RateKbit"/> (a token bucket, tc
/// <c>tbf</c>, see <see cref="TcBandwidth"/>).
/// </summary>
/// <param name="Delay">Time each packet is held. Zero: no delayer.</param>
/// <param name="Jitter">Uniform spread around the delay (never below zero), drawn from <see cref="Seed"/>.</param>
/// <param name="Loss">Probability that a packet is dropped, from 0 to 1 (the kernel's coin: not seeded).</param>
/// <param name="Duplicate">Probability that a packet is sent twice, from 0 to 1 (the kernel's coin: not seeded).</param>
/// <param name="Seed">The delayer's seed for the jitter, drawn from the run's seed.</param>
/// <param name="RateKbit">The link's bandwidth in kbit/s (1000 bit/s, tc's unit), packet headers included; 0: no limit.</param>
public sealed record NetemSpec(TimeSpan Delay, TimeSpan Jitter, double Loss, double Duplicate, ulong Seed = 0, long RateKbit = 0)
{
    /// <summary>The highest bandwidth limit accepted: 10 Gbit/s, as fast as the bridge anyway.</summary>
    public const long MaxRateKbit = 10_000_000;

    /// <summary>True when a delayer must hold the link's packets.</summary>
    public bool Delays => Delay > TimeSpan.Zero || Jitter > TimeSpan.Zero;

    /// <summary>True when the link's bandwidth is limited.</summary>
    public bool LimitsRate => RateKbit > 0;

    /// <summary>Every problem, one sentence each naming the parameter; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromSeconds(10)) errors.Add($"netem delay must be from 0 to 10 s; got {Delay.TotalMilliseconds} ms");
        if (Jitter < TimeSpan.Zero || Jitter > TimeSpan.FromSeconds(10)) errors.Add($"netem jitter must be from 0 to 10 s; got {Jitter.TotalMilliseconds} ms");
        if (Loss is < 0 or > 1 || double.IsNaN(Loss)) errors.Add($"netem loss must be a probability from 0 to 1; got {Loss}");
        if (Duplicate is < 0 or > 1 || double.IsNaN(Duplicate)) errors.Add($"netem duplicate must be a probability from 0 to 1; got {Duplicate}");
        if (RateKbit is < 0 or > MaxRateKbit) errors.Add($"netem rate must be from 1 to {MaxRateKbit} kbit/s (0: no limit); got {RateKbit}");
        if (!Delays && Loss == 0 && Duplicate == 0 && RateKbit == 0) errors.Add("a netem spec must delay, drop or duplicate something, or limit the bandwidth");
        return errors;
    }

    /// <summary>
    /// The spec as a JSON object for the history:
    /// <c>{"delayMs":100,"jitterMs":20,"loss":0.1,"duplicate":0,"rateKbit":0,"seed":7}</c> (rateKbit 0: no limit).
    /// </summary>
    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"delayMs\":{(long)Delay.TotalMilliseconds},\"jitterMs\":{(long)Jitter.TotalMilliseconds},\"loss\":{Loss:0.###},\"duplicate\":{Duplicate:0.###},\"rateKbit\":{RateKbit},\"seed\":{Seed}}}");

    /// <inheritdoc />
    public override string ToString() => ToJson();
}
