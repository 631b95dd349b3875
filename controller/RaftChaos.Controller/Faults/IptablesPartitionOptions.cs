namespace RaftChaos.Controller.Faults;

/// <summary>Settings of <see cref="IptablesPartition"/>.</summary>
public sealed class IptablesPartitionOptions
{
    /// <summary>
    /// The chain that holds every DROP rule, jumped to from the top of INPUT. Default: "RAFTCHAOS". A chain of our own
    /// makes healing one flush and leaves Docker's rules alone.
    /// </summary>
    public string Chain { get; set; } = "RAFTCHAOS";

    /// <summary>Throws unless the chain name is 1–28 characters of letters, digits, '-' and '_' (iptables' limit is 28).</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Chain) || Chain.Length > 28 || !Chain.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"'{Chain}' is not a valid iptables chain name", nameof(Chain));
    }
}
