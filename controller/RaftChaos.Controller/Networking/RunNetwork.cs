using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RaftChaos.Controller.Engine;
using RaftChaos.Controller.Labels;

namespace RaftChaos.Controller.Networking;

/// <summary>
/// The private bridge network of one run: a /24 from <see cref="RunNetworkOptions.AddressPool"/>, labelled with the run id.
/// Node i gets the fixed address .(10 + i), so that a killed and restarted node keeps its address.
/// </summary>
public sealed class RunNetwork
{
    /// <summary>Host part of the first node address: .1 is the gateway, .2–.9 are left for helpers.</summary>
    internal const int FirstNodeHost = 10;

    private RunNetwork(string id, string name, string runId, IPAddress subnetBase)
    {
        Id = id;
        Name = name;
        RunId = runId;
        SubnetBase = subnetBase;
    }

    /// <summary>The engine's network id.</summary>
    public string Id { get; }

    /// <summary>The network name (prefix + run id); containers on it resolve each other by container name.</summary>
    public string Name { get; }

    /// <summary>The run this network belongs to.</summary>
    public string RunId { get; }

    /// <summary>The first address of the /24, e.g. 10.213.7.0.</summary>
    public IPAddress SubnetBase { get; }

    /// <summary>The subnet in CIDR form, e.g. "10.213.7.0/24".</summary>
    public string Subnet => $"{SubnetBase}/24";

    /// <summary>The bridge's own address (.1): where traffic from the host, including published ports, comes from.</summary>
    public IPAddress Gateway => Offset(SubnetBase, 1);

    /// <summary>The fixed address of node <paramref name="index"/> (0-based): .10, .11, ...</summary>
    public IPAddress AddressOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 254 - FirstNodeHost);
        return Offset(SubnetBase, FirstNodeHost + index);
    }

    /// <summary>The endpoint settings that attach a container to this network with a fixed address and DNS aliases.</summary>
    public EndpointSettings EndpointFor(int index, params string[] aliases) => new()
    {
        NetworkID = Id,
        IPAMConfig = new EndpointIPAMConfig { IPv4Address = AddressOf(index).ToString() },
        Aliases = aliases.ToList(),
    };

    /// <summary>
    /// Creates the network of <paramref name="runId"/> on a /24 no other network uses. Candidates start at a slot
    /// derived from the run id and move on when the engine reports an overlap (another controller may race us).
    /// </summary>
    public static async Task<RunNetwork> CreateAsync(DockerEngine engine, string runId, RunNetworkOptions? options, ILogger? logger, CancellationToken cancellationToken)
    {
        options ??= new RunNetworkOptions();
        options.Validate();
        RunLabels.ValidateRunId(runId);
        logger ??= NullLogger.Instance;
        var name = options.NamePrefix + runId;

        var used = (await SubnetsAsync(engine, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        used.UnionWith(options.TakenSubnets);

        foreach (var candidate in CandidateSubnets(options.AddressPool, runId))
        {
            var subnet = $"{candidate}/24";
            if (used.Contains(subnet)) continue;
            try
            {
                var created = await engine.RunAsync((c, ct) => c.Networks.CreateNetworkAsync(new NetworksCreateParameters
                {
                    Name = name,
                    Driver = "bridge",
                    Labels = RunLabels.For(runId).ToDictionary(),
                    IPAM = new IPAM { Driver = "default", Config = [new IPAMConfig { Subnet = subnet, Gateway = Offset(candidate, 1).ToString() }] },
                }, ct), cancellationToken).ConfigureAwait(false);
                Log.NetworkCreated(logger, name, subnet, null);
                return new RunNetwork(created.ID, name, runId, candidate);
            }
            catch (DockerApiException ex) when ((ex.ResponseBody ?? ex.Message).Contains("overlap", StringComparison.OrdinalIgnoreCase))
            {
                // Taken between our listing and our create, or overlapping a differently sized network: next one.
            }
        }
        throw new InvalidOperationException($"no free /24 left in {options.AddressPool} for run {runId}; run 'raftchaos clean' to remove old run networks");
    }

    /// <summary>The subnets of every network <paramref name="engine"/> has (its own and other runs'), as "a.b.c.d/n".</summary>
    public static async Task<IReadOnlyList<string>> SubnetsAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var existing = await engine.RunAsync((c, ct) => c.Networks.ListNetworksAsync(new NetworksListParameters(), ct), cancellationToken).ConfigureAwait(false);
        return [.. existing.SelectMany(n => n.IPAM?.Config ?? []).Select(c => c.Subnet).Where(s => !string.IsNullOrEmpty(s))];
    }

    /// <summary>The /24s of the pool, starting at a slot derived from the run id (so parallel runs rarely collide).</summary>
    internal static IEnumerable<IPAddress> CandidateSubnets(string pool, string runId)
    {
        var (baseAddress, prefix) = ParseCidr(pool);
        var count = 1 << (24 - prefix);
        var start = (int)((uint)StableHash(runId) % (uint)count);
        for (var i = 0; i < count; i++) yield return Offset(baseAddress, ((start + i) % count) << 8);
    }

    /// <summary>Parses "a.b.c.d/n" (IPv4 only) into the network address and the prefix length.</summary>
    internal static (IPAddress Address, int Prefix) ParseCidr(string cidr)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
            throw new FormatException($"'{cidr}' is not an IPv4 CIDR like 10.213.0.0/16");
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return (FromUInt32(ToUInt32(address) & mask), prefix);
    }

    private static IPAddress Offset(IPAddress address, int by) => FromUInt32(ToUInt32(address) + (uint)by);

    private static uint ToUInt32(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static IPAddress FromUInt32(uint v) => new([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);

    // string.GetHashCode is randomized per process; the slot must not be, or retries of one run would wander.
    private static int StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return (int)h;
    }
}
