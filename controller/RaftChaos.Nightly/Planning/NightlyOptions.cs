using RaftChaos.Runs;

namespace RaftChaos.Nightly.Planning;

/// <summary>Settings of a night (<c>raftchaos nightly</c>). Plain properties with documented defaults; validated once.</summary>
public sealed class NightlyOptions
{
    /// <summary>Workloads a run can drive.</summary>
    public static IReadOnlyList<string> KnownWorkloads { get; } = ["register", "kv"];

    /// <summary>Nemesis names a set may combine (comma-separated), as <c>raftchaos run --nemesis</c> takes them.</summary>
    public static IReadOnlyList<string> KnownNemeses { get; } = ["none", "partition", "kill", "pause", "clock", "slow-leader", "swap-leader", "netem", "clock-rate", "disk", "all"];

    /// <summary>
    /// The system under test of the clean runs, as <c>raftchaos run --target</c> takes it. Default: <c>raftchaos</c>, our
    /// node. The validation matrix switches our node's bugs on, so it runs against our node only.
    /// </summary>
    public string Target { get; set; } = RunConfiguration.DefaultTarget;

    /// <summary>Number of clean runs. Default: 20 (the false-alarm budget of issue 7). 0 runs the matrix alone.</summary>
    public int Runs { get; set; } = 20;

    /// <summary>Main-phase length of every run. Default: 60 s.</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Cluster sizes the clean runs cycle through. Default: 3 and 5.</summary>
    public IReadOnlyList<int> Nodes { get; set; } = [3, 5];

    /// <summary>Workloads the clean runs cycle through. Default: register and kv.</summary>
    public IReadOnlyList<string> Workloads { get; set; } = ["register", "kv"];

    /// <summary>
    /// Nemesis sets the clean runs cycle through; each entry is one <c>--nemesis</c> value such as <c>all</c> or
    /// <c>partition,kill</c>. Default: only <c>all</c>.
    /// </summary>
    public IReadOnlyList<string> Nemeses { get; set; } = ["all"];

    /// <summary>The nightly seed; every run seed is derived from it. Default: 1 (the CLI picks one from the clock and prints it).</summary>
    public long Seed { get; set; } = 1;

    /// <summary>Whether to run the validation matrix after the clean runs. Default: false.</summary>
    public bool Matrix { get; set; }

    /// <summary>Seeds per matrix bug. Default: 3. Every seed runs (no stop at the first catch) so the detection rate is real.</summary>
    public int MatrixSeeds { get; set; } = 3;

    /// <summary>Only these bugs of <see cref="ValidationMatrix"/>. Default: empty, meaning all.</summary>
    public IReadOnlyList<string> MatrixBugs { get; set; } = [];

    /// <summary>
    /// Time a run is expected to take beyond its time limit (images, cluster start, heal, final reads, check, clean-up),
    /// used only for the estimate of the remaining time. Default: 30 s; the runner replaces it by the measured mean.
    /// </summary>
    public TimeSpan RunOverhead { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (Runs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Runs), Runs, "must be 0 or more");
        }

        if (TimeLimit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeLimit), TimeLimit, "must be positive");
        }

        if (RunOverhead < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RunOverhead), RunOverhead, "must not be negative");
        }

        if (Runs > 0 && (Nodes.Count == 0 || Workloads.Count == 0 || Nemeses.Count == 0))
        {
            throw new ArgumentException("clean runs need at least one node count, workload and nemesis set");
        }

        foreach (var nodes in Nodes)
        {
            if (nodes is < 1 or > 9)
            {
                throw new ArgumentOutOfRangeException(nameof(Nodes), nodes, "node counts must be from 1 to 9");
            }
        }

        foreach (var workload in Workloads)
        {
            if (!KnownWorkloads.Contains(workload))
            {
                throw new ArgumentException($"unknown workload '{workload}'; one of {string.Join(", ", KnownWorkloads)}", nameof(Workloads));
            }
        }

        foreach (var set in Nemeses)
        {
            foreach (var name in set.Split(','))
            {
                if (!KnownNemeses.Contains(name))
                {
                    throw new ArgumentException($"unknown nemesis '{name}' in '{set}'; one of {string.Join(", ", KnownNemeses)}", nameof(Nemeses));
                }
            }
        }

        if (string.IsNullOrWhiteSpace(Target))
        {
            throw new ArgumentException("the target must be named", nameof(Target));
        }

        if (Matrix && Target != RunConfiguration.DefaultTarget)
        {
            throw new ArgumentException($"the validation matrix switches on bugs of target {RunConfiguration.DefaultTarget}; with target '{Target}' run the clean runs only (drop --matrix)", nameof(Matrix));
        }

        if (MatrixSeeds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MatrixSeeds), MatrixSeeds, "must be at least 1");
        }

        foreach (var bug in MatrixBugs)
        {
            if (ValidationMatrix.Find(bug) is null)
            {
                throw new ArgumentException(
                    $"unknown bug '{bug}'; one of {string.Join(", ", ValidationMatrix.Exposures.Select(e => e.Bug))}", nameof(MatrixBugs));
            }
        }
    }
}
