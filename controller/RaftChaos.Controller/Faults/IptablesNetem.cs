using System.Globalization;
using System.Text;
using RaftChaos.Controller.Images;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// Slow, lossy, duplicating and reordering links without the netem qdisc (the kernel here lacks it): in the sending
/// node's network namespace, a chain of our own jumped to from OUTPUT holds, per link, a
/// <c>statistic --mode random</c> DROP (loss), a <c>statistic</c> TEE to the same peer (a duplicate), and an NFQUEUE to a
/// queue of its own (<c>--queue-bypass</c>: without a delayer bound the packets pass) served by the delayer
/// (<see cref="NetHelperImage"/>), which holds each packet for its delay ± jitter; a link whose bandwidth is limited
/// gets a token bucket of its own (<see cref="TcBandwidth"/>). Only node-to-node traffic is touched:
/// clients reach the nodes through the bridge gateway, which no link names. Run from the node's network helper.
/// </summary>
/// <remarks>
/// The delayer is started and found bound (it prints "bound") before any NFQUEUE rule exists, and the rules are flushed
/// before it is stopped, so no packet waits for a queue nobody serves. Packets it holds when stopped are dropped by the
/// kernel, as a link going down drops what is in flight.
/// </remarks>
public static class IptablesNetem
{
    /// <summary>The chain that holds every netem rule, jumped to from the top of OUTPUT.</summary>
    public const string Chain = "RAFTCHAOS-NETEM";

    /// <summary>The delayer's process name (<c>pgrep -x</c>; a process name is at most 15 characters).</summary>
    public const string DelayerName = "RaftChaos.Netem";

    /// <summary>Queue numbers: this plus the index of the receiving node among the targets.</summary>
    public const int QueueBase = 1000;

    private const string StopDelayers =
        "pkill -x " + DelayerName + " 2>/dev/null || true; " +
        "for i in $(seq 50); do pgrep -x " + DelayerName + " >/dev/null || break; sleep 0.1; done; " +
        "! pgrep -x " + DelayerName + " >/dev/null || { echo 'a netem delayer would not stop' >&2; exit 70; }";

    /// <summary>
    /// The script (for <c>sh -c</c>) that makes <paramref name="links"/> true in <paramref name="from"/>'s namespace,
    /// replacing whatever netem rules were there: empty links heal. Pure: no I/O.
    /// </summary>
    public static IReadOnlyList<string> Plan(string from, IEnumerable<NetemLink> links, IReadOnlyList<NodeTarget> targets)
    {
        var mine = links.Where(l => l.From == from).OrderBy(l => l.To, StringComparer.Ordinal).ToList();
        var index = targets.Select((t, i) => (t.NodeId, i)).ToDictionary(p => p.NodeId, p => p.i, StringComparer.Ordinal);
        var byId = targets.ToDictionary(t => t.NodeId, StringComparer.Ordinal);
        var ci = CultureInfo.InvariantCulture;
        var script = new StringBuilder("set -e; ")
            .Append($"iptables -w -N {Chain} 2>/dev/null || true; ")
            .Append($"iptables -w -C OUTPUT -j {Chain} 2>/dev/null || iptables -w -I OUTPUT 1 -j {Chain}; ")
            .Append($"iptables -w -F {Chain}; ")
            .Append(StopDelayers)
            .Append("; ").Append(TcBandwidth.Clear);
        foreach (var link in mine)
        {
            if (!byId.TryGetValue(link.To, out var peer)) throw new ArgumentException($"netem link {link.Name} names {link.To}, which is not a target", nameof(links));
            var errors = link.Spec.Validate();
            if (errors.Count > 0) throw new ArgumentException($"netem link {link.Name}: {string.Join("; ", errors)}", nameof(links));
            if (link.To == from) throw new ArgumentException($"netem link {link.Name} goes nowhere", nameof(links));
            var address = peer.Address + "/32";
            var spec = link.Spec;
            if (spec.Loss > 0)
                script.Append(ci, $"; iptables -w -A {Chain} -d {address} -m statistic --mode random --probability {spec.Loss:0.#####} -j DROP");
            if (spec.Duplicate > 0)
                script.Append(ci, $"; iptables -w -A {Chain} -d {address} -m statistic --mode random --probability {spec.Duplicate:0.#####} -j TEE --gateway {peer.Address}");
            if (spec.Delays)
            {
                var queue = QueueBase + index[link.To];
                var log = $"/tmp/raftchaos-netem-{queue}.log";
                script.Append(ci, $"; [ -x {NetHelperImage.DelayerPath} ] || {{ echo 'this network helper image has no netem delayer: start the cluster with NetworkHelperImage = NetHelperImage.EnsureAsync(...)' >&2; exit 69; }}")
                    .Append(ci, $"; {NetHelperImage.DelayerPath} --queue {queue} --delay-ms {(long)spec.Delay.TotalMilliseconds} --jitter-ms {(long)spec.Jitter.TotalMilliseconds} --seed {spec.Seed} >{log} 2>&1 &")
                    .Append(ci, $" for i in $(seq 100); do grep -q '^bound' {log} && break; sleep 0.1; done; grep -q '^bound' {log} || {{ cat {log} >&2; echo 'the netem delayer did not bind queue {queue} within 10 s' >&2; exit 70; }}")
                    .Append(ci, $"; iptables -w -A {Chain} -d {address} -j NFQUEUE --queue-num {queue} --queue-bypass");
            }
        }
        var bandwidth = TcBandwidth.Plan([.. mine.Select(l => (l, index[l.To], byId[l.To].Address))]);
        if (bandwidth.Length > 0) script.Append("; ").Append(bandwidth);
        return ["sh", "-c", script.ToString()];
    }

    /// <summary>The script that removes every netem rule, stops every delayer and removes the bandwidth limits in a namespace (idempotent). Pure.</summary>
    public static IReadOnlyList<string> PlanHeal() =>
        ["sh", "-c", $"if iptables -w -n -L {Chain} >/dev/null 2>&1; then iptables -w -F {Chain}; fi; {StopDelayers}; {TcBandwidth.Clear}"];

    /// <summary>
    /// The script that prints what is left in a namespace, one line each: the chain's rules (<c>-A ...</c>),
    /// <c>delayer PID</c> per running delayer, and our qdiscs (<c>qdisc htb 1: root ...</c>, read back from tc). A healed
    /// namespace prints nothing.
    /// </summary>
    public static IReadOnlyList<string> PlanList() =>
        ["sh", "-c", $"iptables -w -S {Chain} 2>/dev/null | grep '^-A' || true; for p in $(pgrep -x {DelayerName}); do echo \"delayer $p\"; done; {TcBandwidth.List}"];
}
