using System.Globalization;
using System.Net;
using System.Text;

namespace RaftChaos.Controller.Faults;

/// <summary>
/// The bandwidth part of the netem fault: in the sending node's network namespace, a token bucket (tc <c>tbf</c>) per
/// limited link. A root <c>tbf</c> would slow everything the node sends, its clients' replies included, and could not
/// tell one peer from another, so each link gets an HTB class of its own, chosen by a <c>u32</c> filter on the peer's
/// address, with the <c>tbf</c> as its queue; traffic no filter names (clients, other peers) goes straight out (HTB's
/// default class 0). Shell fragments for <see cref="IptablesNetem"/>'s scripts; pure, no I/O.
/// </summary>
/// <remarks>
/// tbf, HTB and u32 are built into the kernel of these machines (netem is not). The HTB class has the same rate as its
/// tbf, so neither lends the other a burst; the tbf bounds the queue: a packet that would wait longer than
/// <see cref="QueueLatencyMs"/> is dropped, as a slow link's small buffer does, instead of piling up seconds of delay.
/// </remarks>
public static class TcBandwidth
{
    /// <summary>The node's one interface, on the run network (Docker names it eth0 in the container's namespace).</summary>
    public const string Device = "eth0";

    /// <summary>The longest a packet waits in a link's token bucket before it is dropped.</summary>
    public const int QueueLatencyMs = 200;

    /// <summary>The fragment that removes every qdisc of ours (the root one holds the rest); harmless when there is none.</summary>
    public const string Clear = "tc qdisc del dev " + Device + " root 2>/dev/null || true";

    /// <summary>The fragment that prints our qdiscs still in place, one line each (<c>qdisc htb 1: root ...</c>); nothing when healed.</summary>
    public const string List = "tc qdisc show dev " + Device + " | grep -E '^qdisc (htb|tbf) ' || true";

    /// <summary>
    /// The fragment (commands joined by <c>; </c>) that limits each link of <paramref name="links"/> to its rate, after
    /// <see cref="Clear"/>; empty when none is limited. <paramref name="links"/> pairs each link with the receiver's
    /// index among the targets (its class number) and address.
    /// </summary>
    public static string Plan(IReadOnlyList<(NetemLink Link, int Index, IPAddress Address)> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        var limited = links.Where(l => l.Link.Spec.LimitsRate).ToList();
        if (limited.Count == 0) return "";
        var ci = CultureInfo.InvariantCulture;
        // direct_qlen: the queue of the unclassified traffic, set rather than taken from the device's txqueuelen.
        var script = new StringBuilder($"tc qdisc add dev {Device} root handle 1: htb default 0 direct_qlen 1000");
        foreach (var (link, index, address) in limited)
        {
            var rate = link.Spec.RateKbit;
            var classId = string.Create(ci, $"1:{index + 1:x}");
            // At least a full-size frame and 10 ms of the rate: a bucket smaller than one packet never lets it through.
            var burst = Math.Max(4000, rate * 1000 / 8 / 100);
            script.Append(ci, $"; tc class add dev {Device} parent 1: classid {classId} htb rate {rate}kbit ceil {rate}kbit")
                .Append(ci, $"; tc qdisc add dev {Device} parent {classId} tbf rate {rate}kbit burst {burst} latency {QueueLatencyMs}ms")
                .Append(ci, $"; tc filter add dev {Device} parent 1: protocol ip prio 1 u32 match ip dst {address}/32 flowid {classId}");
        }
        return script.ToString();
    }
}
