namespace RaftChaos.Cli.Tests;

/// <summary>Small histories written to a temporary folder, one per test.</summary>
internal sealed class HistoryFiles : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "raftchaos-cli-tests", Guid.NewGuid().ToString("N"));

    public HistoryFiles() => System.IO.Directory.CreateDirectory(Directory);

    /// <summary>p0 writes 1, then p1 reads 1: linearizable.</summary>
    public string Valid() => Write("valid.jsonl",
        """{"index":0,"process":0,"type":"invoke","f":"write","key":null,"value":1,"time":0}""",
        """{"index":1,"process":0,"type":"ok","f":"write","key":null,"value":1,"time":10}""",
        """{"index":2,"process":1,"type":"invoke","f":"read","key":null,"value":null,"time":20}""",
        """{"index":3,"process":1,"type":"ok","f":"read","key":null,"value":1,"time":30}""");

    /// <summary>p0 writes 1 and is acknowledged; later p1 reads the initial null: a stale read.</summary>
    public string StaleRead() => Write("stale.jsonl",
        """{"index":0,"process":0,"type":"invoke","f":"write","key":null,"value":1,"time":0}""",
        """{"index":1,"process":0,"type":"ok","f":"write","key":null,"value":1,"time":10}""",
        """{"index":2,"process":1,"type":"invoke","f":"read","key":null,"value":null,"time":20}""",
        """{"index":3,"process":1,"type":"ok","f":"read","key":null,"value":null,"time":30}""");

    /// <summary>Line 2 completes an operation that process 5 never invoked.</summary>
    public string Malformed() => Write("malformed.jsonl",
        """{"index":0,"process":0,"type":"invoke","f":"write","key":null,"value":1,"time":0}""",
        """{"index":1,"process":5,"type":"ok","f":"write","key":null,"value":1,"time":10}""");

    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over it.
        }
    }
}
