namespace RaftChaos.Storage.Tests;

/// <summary>
/// Entry point of this assembly when run as a child process by <see cref="CrashProcessTests"/>:
/// <c>crash-writer DIR</c> opens the store in DIR, continues its log, and after every synced batch prints
/// <c>synced LASTINDEX</c>, until it is killed. Any other use is a usage error.
/// </summary>
public static class CrashWriterProgram
{
    public const int EntriesPerBatch = 8;
    public const int EntryBytes = 256;

    public static async Task<int> Main(string[] args)
    {
        if (args is not ["crash-writer", string directory])
        {
            await Console.Error.WriteLineAsync("usage: crash-writer DIR").ConfigureAwait(false);
            return 64;
        }

        await using DurableStore store = await DurableStore.OpenAsync(new StorageOptions { Directory = directory, SegmentBytes = 256 * 1024 }, CancellationToken.None).ConfigureAwait(false);
        RecoveredState state = await store.LoadAsync(CancellationToken.None).ConfigureAwait(false);
        ulong next = state.LastIndex + 1;
        while (true)
        {
            // An unsynced save, then a synced one: the sync carries both in one write.
            await store.SaveAsync(null, Batches.Make(next, EntriesPerBatch / 2, 1, EntryBytes), mustSync: false, CancellationToken.None).ConfigureAwait(false);
            next += EntriesPerBatch / 2;
            await store.SaveAsync(new StoredHardState(1, 1, next - 1), Batches.Make(next, EntriesPerBatch / 2, 1, EntryBytes), mustSync: true, CancellationToken.None).ConfigureAwait(false);
            next += EntriesPerBatch / 2;
            Console.WriteLine($"synced {next - 1}");
        }
    }
}
