using RaftChaos.Checker;
using RaftChaos.Checker.History;
using RaftChaos.Runs;

namespace RaftChaos.Nightly.Execution;

/// <summary>
/// Reads a finished run folder through its run record (<see cref="RunRecordFile"/>): verdict, counts, failover figures
/// and the first detection, as the run decided them; nothing is checked again. A run stopped before it wrote its
/// record (Ctrl-C, a crash) still has its history: its operations are counted from history.jsonl.
/// </summary>
public static class RunFolderReader
{
    /// <summary>Reads <paramref name="folder"/>. Never throws for a malformed folder: the problem is returned instead.</summary>
    public static async Task<RunFindings> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            var record = await RunRecordFile.LoadAsync(folder, cancellationToken).ConfigureAwait(false);
            var verdict = record.Verdict switch
            {
                Verdict.Valid => RunVerdict.Valid,
                Verdict.Invalid => RunVerdict.Invalid,
                _ => RunVerdict.Unknown,
            };
            return new RunFindings(verdict, record.Counts, record.Failover, record.FirstDetection, null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or HistoryFormatException or IOException)
        {
            var historyPath = Path.Combine(folder, "history.jsonl");
            var counts = File.Exists(historyPath) ? await CountAsync(historyPath, cancellationToken).ConfigureAwait(false) : null;
            return new RunFindings(null, counts, null, null, ex.Message);
        }
    }

    // The operations of a history that has no record, or null when it cannot be read either.
    private static async Task<RunCounts?> CountAsync(string historyPath, CancellationToken cancellationToken)
    {
        try
        {
            var history = await Task.Run(() => OperationHistory.Load(historyPath), cancellationToken).ConfigureAwait(false);
            return new RunCounts(
                history.Operations.Count,
                history.Operations.Count(o => o.Status == OperationStatus.Ok),
                history.Operations.Count(o => o.Status == OperationStatus.Fail),
                history.Operations.Count(o => o.Status == OperationStatus.Info),
                history.NemesisEvents.Count);
        }
        catch (HistoryFormatException)
        {
            return null;
        }
    }
}
