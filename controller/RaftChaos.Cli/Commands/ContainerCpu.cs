using System.Globalization;

namespace RaftChaos.Cli.Commands;

/// <summary>
/// CPU time of containers of the local engine from the cgroup (v1 <c>cpuacct.usage</c>, or v2 <c>cpu.stat</c>'s
/// <c>usage_usec</c>), for the bench's CPU per operation: steadier than throughput on a shared machine.
/// </summary>
internal static class ContainerCpu
{
    /// <summary>The containers' summed CPU time in ns, or null when a cgroup file is not where the local engine puts it.</summary>
    public static double? TotalNs(IEnumerable<string> containerIds)
    {
        double total = 0;
        foreach (var id in containerIds)
        {
            if (Read(id) is not { } ns)
            {
                return null;
            }
            total += ns;
        }
        return total;
    }

    private static double? Read(string id)
    {
        try
        {
            var v1 = $"/sys/fs/cgroup/cpuacct/docker/{id}/cpuacct.usage";
            if (File.Exists(v1))
            {
                return double.Parse(File.ReadAllText(v1).Trim(), CultureInfo.InvariantCulture);
            }
            var v2 = $"/sys/fs/cgroup/system.slice/docker-{id}.scope/cpu.stat";
            if (File.Exists(v2))
            {
                var line = File.ReadLines(v2).FirstOrDefault(l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
                return line is null ? null : double.Parse(line[11..], CultureInfo.InvariantCulture) * 1000;
            }
            return null;
        }
        catch (IOException)
        {
            // The container went away between the check and the read: no figure rather than a wrong one.
            return null;
        }
    }
}
