namespace RaftChaos.Controller.Labels;

/// <summary>
/// The labels every container and network of a run carries. With Ryuk disabled they are the only way to find what a
/// crashed controller left behind, so nothing may be created without them.
/// </summary>
public static class RunLabels
{
    /// <summary>Label key holding the run id; present on every container and network the bed creates.</summary>
    public const string Run = "raftchaos.run";

    /// <summary>Label key holding the node id (n1, n2, ...) on node containers.</summary>
    public const string Node = "raftchaos.node";

    /// <summary>Label key holding what a container is for: <see cref="NodeRole"/> or <see cref="NetworkHelperRole"/>.</summary>
    public const string Role = "raftchaos.role";

    /// <summary>The <see cref="Role"/> of a node container.</summary>
    public const string NodeRole = "node";

    /// <summary>The <see cref="Role"/> of a helper container that applies network faults from inside a node's network namespace.</summary>
    public const string NetworkHelperRole = "network-helper";

    /// <summary>The labels for a resource of <paramref name="runId"/>, plus the node id when given.</summary>
    public static IReadOnlyDictionary<string, string> For(string runId, string? nodeId = null)
    {
        ValidateRunId(runId);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [Run] = runId };
        if (nodeId is not null) labels[Node] = nodeId;
        return labels;
    }

    /// <summary>A fresh run id: 12 lowercase hex characters, usable in container and network names.</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>Throws unless the id is 1–64 characters of [a-z0-9_.-] (it becomes part of names and label filters).</summary>
    public static void ValidateRunId(string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        if (runId.Length > 64 || !runId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
            throw new ArgumentException($"run id '{runId}' must be 1-64 characters of a-z, 0-9, '-', '_', '.'", nameof(runId));
    }

    /// <summary>The engine's label filter: every resource of a run, or of any run when <paramref name="runId"/> is null.</summary>
    internal static IDictionary<string, IDictionary<string, bool>> Filter(string? runId)
    {
        if (runId is not null) ValidateRunId(runId);
        var label = runId is null ? Run : $"{Run}={runId}";
        return new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } };
    }
}
