using RaftChaos.Raft;
using RaftChaos.Raft.Messages;

namespace RaftChaos.Raft.Tests.Network;

/// <summary>
/// What one test node persisted and applied: its stable log, hard state and snapshot, and a state machine that is
/// simply the list of applied commands. Restarting a node rebuilds it from exactly this.
/// </summary>
public sealed class MemoryStorage
{
    public HardState HardState { get; private set; }
    public Snapshot? Snapshot { get; private set; }
    public List<Entry> Entries { get; } = [];
    /// <summary>Applied commands (normal entries with data), in order: the state machine.</summary>
    public List<string> Applied { get; } = [];
    public ulong AppliedIndex { get; private set; }
    public int Syncs { get; private set; }

    /// <summary>The state as of the last sync: what survives a crash that loses unsynced writes.</summary>
    private (HardState HardState, Snapshot? Snapshot, List<Entry> Entries) _synced = (default, null, []);

    /// <summary>Persists a Ready as the README says: snapshot (replacing the log), entries (replacing the suffix), hard state.</summary>
    public void Persist(Ready rd)
    {
        if (rd.Snapshot is not null)
        {
            Snapshot = rd.Snapshot;
            Entries.Clear();
        }
        if (rd.Entries.Count > 0)
        {
            var first = rd.Entries[0].Index;
            while (Entries.Count > 0 && Entries[^1].Index >= first) Entries.RemoveAt(Entries.Count - 1);
            Entries.AddRange(rd.Entries);
        }
        if (rd.HardState is { } hs) HardState = hs;
        if (rd.MustSync) Sync();
    }

    /// <summary>Installs the snapshot and applies committed entries.</summary>
    public void Apply(Ready rd)
    {
        if (rd.Snapshot is not null)
        {
            Applied.Clear();
            var text = System.Text.Encoding.UTF8.GetString(rd.Snapshot.Data.Span);
            if (text.Length > 0) Applied.AddRange(text.Split(','));
            AppliedIndex = rd.Snapshot.Index;
        }
        foreach (var e in rd.CommittedEntries)
        {
            if (e.Type == EntryType.Normal && e.Data.Length > 0) Applied.Add(System.Text.Encoding.UTF8.GetString(e.Data.Span));
            AppliedIndex = e.Index;
        }
    }

    /// <summary>The state machine's snapshot: applied commands joined by commas.</summary>
    public byte[] SnapshotData() => System.Text.Encoding.UTF8.GetBytes(string.Join(',', Applied));

    public void Compacted(ulong index, Snapshot snapshot)
    {
        Snapshot = snapshot;
        Entries.RemoveAll(e => e.Index <= index);
        Sync(); // the application syncs its snapshot before compacting
    }

    private void Sync()
    {
        Syncs++;
        _synced = (HardState, Snapshot, [.. Entries]);
    }

    /// <summary>A crash that loses every write since the last sync (the page cache): storage goes back to the synced state.</summary>
    public void LoseUnsyncedWrites()
    {
        HardState = _synced.HardState;
        Snapshot = _synced.Snapshot;
        Entries.Clear();
        Entries.AddRange(_synced.Entries);
    }

    public RecoveredState Recovered() => new()
    {
        HardState = HardState, Snapshot = Snapshot, Entries = [.. Entries], Applied = AppliedIndex,
    };

    /// <summary>The state machine after a crash: rebuilt from the snapshot; entries after it are re-applied by Raft.</summary>
    public void RestartStateMachine()
    {
        Applied.Clear();
        var text = Snapshot is null ? "" : System.Text.Encoding.UTF8.GetString(Snapshot.Data.Span);
        if (text.Length > 0) Applied.AddRange(text.Split(','));
        AppliedIndex = Snapshot?.Index ?? 0;
    }
}
