namespace RaftChaos.Controller.Networking;

/// <summary>Where run networks take their addresses from.</summary>
public sealed class RunNetworkOptions
{
    /// <summary>
    /// The private range each run's /24 is cut from. Default: 10.213.0.0/16 (256 runs side by side). Fixed subnets let
    /// a killed node come back with the same address, which Docker does not promise for automatically chosen ones.
    /// </summary>
    public string AddressPool { get; set; } = "10.213.0.0/16";

    /// <summary>Network names are this prefix plus the run id. Default: "raftchaos-".</summary>
    public string NamePrefix { get; set; } = "raftchaos-";

    /// <summary>
    /// Subnets ("10.213.7.0/24") to leave alone besides those the engine itself lists. Default: none. A cluster that spans
    /// engines on one host passes those of its other engines: every engine's bridges share the host's routing table, and
    /// two bridges with one subnet would send the host's traffic for a node to the wrong one.
    /// </summary>
    public IReadOnlySet<string> TakenSubnets { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Throws unless the pool is an IPv4 CIDR of /8 to /24.</summary>
    public void Validate()
    {
        var (_, prefix) = RunNetwork.ParseCidr(AddressPool);
        if (prefix is < 8 or > 24) throw new ArgumentOutOfRangeException(nameof(AddressPool), AddressPool, "needs a prefix between /8 and /24");
        ArgumentException.ThrowIfNullOrEmpty(NamePrefix);
        ArgumentNullException.ThrowIfNull(TakenSubnets);
    }
}
