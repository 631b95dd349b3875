using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;
using RaftChaos.Checker.Search;

namespace RaftChaos.Checker;

/// <summary>
/// Decides whether a history is linearizable with respect to a model. Keys are checked on their own (P-compositionality),
/// the largest first, in parallel; the first invalid key cancels the rest. <c>fail</c> operations are dropped (they did
/// not happen), and so are <c>info</c> reads (they returned nothing). Past the time limit or the memo's memory ceiling the
/// verdict is <see cref="Verdict.Unknown"/>, never a hang.
/// </summary>
public sealed class LinearizabilityChecker
{
    /// <summary>The least time given to the search for a fuller counterexample once a key is known to be invalid.</summary>
    private static readonly TimeSpan ExplanationTime = TimeSpan.FromSeconds(1);

    /// <summary>The same in configurations, for when <see cref="CheckOptions.ConfigurationLimit"/> is set.</summary>
    private const long ExplanationConfigurations = 1_000_000;

    private readonly CheckOptions options;

    /// <summary>Creates a checker; <paramref name="options"/> defaults to <c>new CheckOptions()</c>.</summary>
    public LinearizabilityChecker(CheckOptions? options = null)
    {
        this.options = options ?? new CheckOptions();
        this.options.Validate();
    }

    /// <summary>Checks <paramref name="history"/> against <paramref name="model"/>.</summary>
    /// <exception cref="HistoryFormatException">An operation uses a function the model does not support.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public CheckResult Check(OperationHistory history, Model model, CancellationToken cancellationToken = default)
    {
        var started = options.TimeProvider.GetTimestamp();
        foreach (var operation in history.Operations)
        {
            if (model.Validate(operation) is { } reason)
            {
                throw new HistoryFormatException(history.Source, operation.InvokeLine, reason);
            }
        }

        var partitions = Partition(history.Operations, model);
        using var firstInvalid = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budget = new SearchBudget(options, firstInvalid.Token);
        var outcomes = new PartitionOutcome[partitions.Count];

        // Largest first, so a long key does not start last and set the finishing time alone.
        var order = Enumerable.Range(0, partitions.Count).OrderByDescending(i => partitions[i].Searched.Count).ToArray();
        void CheckOne(int i)
        {
            var searchStarted = options.TimeProvider.GetTimestamp();
            outcomes[i] = budget.StopReason() is { } reason
                ? PartitionOutcome.Unknown(reason)
                : model.Search(partitions[i].Searched, budget, options.Reductions);
            if (outcomes[i].Verdict == Verdict.Invalid && options.Reductions.HasFlag(Search.SearchReductions.StarvedOperations))
            {
                // The starved-operation cut proves invalidity early, so its longest prefix can stop short of the
                // operation a person needs to see (a read of a value never written is starved from the first step).
                // The verdict is settled; search once more without that cut, within the same budget, for the
                // counterexample that goes as far as a linearization can. If that runs out, the first one stands. It
                // gets as long as the first search took, and at least ExplanationTime: without the cut it can be
                // exponential, and it used to take the whole time limit (10 s for a verdict found in 2 ms). In
                // configurations likewise: as many as the first search explored, and at least ExplanationConfigurations.
                var explanationTime = TimeSpan.FromTicks(Math.Max(ExplanationTime.Ticks, options.TimeProvider.GetElapsedTime(searchStarted).Ticks));
                var explained = model.Search(
                    partitions[i].Searched,
                    budget.Narrowed(explanationTime, Math.Max(ExplanationConfigurations, outcomes[i].Configurations)),
                    options.Reductions & ~Search.SearchReductions.StarvedOperations);
                if (explained.Verdict == Verdict.Invalid)
                {
                    outcomes[i] = explained with { Configurations = outcomes[i].Configurations + explained.Configurations };
                }
            }

            if (outcomes[i].Verdict == Verdict.Invalid)
            {
                firstInvalid.Cancel();
            }
        }

        if (partitions.Count == 1 || options.MaxDegreeOfParallelism == 1)
        {
            foreach (var i in order)
            {
                CheckOne(i);
            }
        }
        else
        {
            Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(order, loadBalance: true),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
                CheckOne);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var keys = new KeyCheckResult[partitions.Count];
        for (var i = 0; i < partitions.Count; i++)
        {
            var outcome = outcomes[i];
            var unknownReason = outcome.UnknownReason == "cancelled" ? KeyCheckResult.CutShortReason : outcome.UnknownReason;
            keys[i] = new KeyCheckResult(
                partitions[i].Key, outcome.Verdict, partitions[i].OperationCount, outcome.Counterexample, unknownReason, outcome.Progress)
            {
                Configurations = outcome.Configurations,
            };
        }

        var verdict = keys.Any(key => key.Verdict == Verdict.Invalid) ? Verdict.Invalid
            : keys.Any(key => key.Verdict == Verdict.Unknown) ? Verdict.Unknown
            : Verdict.Valid;
        return new CheckResult(
            verdict, model.Name, history.Operations.Count, history.KeyCount, options.TimeProvider.GetElapsedTime(started), keys);
    }

    // Groups operations by key (one group when the model is not partitioned), sorted by key with null first, and keeps
    // for the search only operations that may have taken effect and tell something: no fail, no info read.
    private static List<KeyPartition> Partition(IReadOnlyList<Operation> operations, Model model)
    {
        var byKey = new Dictionary<string, KeyPartition>(StringComparer.Ordinal);
        KeyPartition? nullKey = null;
        foreach (var operation in operations)
        {
            KeyPartition partition;
            if (!model.PartitionByKey || operation.Key is null)
            {
                partition = nullKey ??= new KeyPartition(model.PartitionByKey ? null : operation.Key);
            }
            else if (!byKey.TryGetValue(operation.Key, out partition!))
            {
                partition = new KeyPartition(operation.Key);
                byKey.Add(operation.Key, partition);
            }

            partition.OperationCount++;
            var informative = operation.Status == OperationStatus.Ok
                || (operation.Status == OperationStatus.Info && !model.IsReadOnly(operation));
            if (informative)
            {
                partition.Searched.Add(operation);
            }
        }

        var partitions = byKey.Values.OrderBy(partition => partition.Key, StringComparer.Ordinal).ToList();
        if (nullKey is not null)
        {
            partitions.Insert(0, nullKey);
        }

        return partitions;
    }

    /// <summary>One key's operations while partitioning.</summary>
    private sealed class KeyPartition(string? key)
    {
        public string? Key { get; } = key;

        public int OperationCount { get; set; }

        public List<Operation> Searched { get; } = [];
    }
}
