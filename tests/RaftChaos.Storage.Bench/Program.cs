// Usage: dotnet run -c Release --project tests/RaftChaos.Storage.Bench -- [SECONDS=5] [DIR=$TMP/raftchaos-storage-bench]
using System.Diagnostics;
using System.Globalization;
using RaftChaos.Storage;

// Each row: one store in a fresh directory, synced SaveAsync calls of BATCH entries (256 bytes each) for SECONDS.
// One call = one write + one fsync, so fsyncs/s is the batch rate and appends/s = batch rate × batch size.
double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
string root = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "raftchaos-storage-bench");
const int EntryBytes = 256;

Console.WriteLine($"DurableStore, {EntryBytes}-byte entries, {seconds:0.#} s per row, directory {root}");
Console.WriteLine($"{"batch",6} {"appends/s",12} {"fsyncs/s",10} {"MiB/s",8} {"mean µs/batch",14}");
foreach (int batch in new[] { 1, 16, 64 })
{
    string directory = Path.Combine(root, $"batch-{batch}-{Guid.NewGuid():N}");
    await using (DurableStore store = await DurableStore.OpenAsync(new StorageOptions { Directory = directory }, CancellationToken.None))
    {
        byte[] data = new byte[EntryBytes];
        Random.Shared.NextBytes(data);
        ulong next = 1;
        long syncsBefore = store.Statistics.WalSyncs;
        long bytesBefore = store.Statistics.BytesWritten;
        var clock = Stopwatch.StartNew();
        long batches = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var entries = new StoredEntry[batch];
            for (int i = 0; i < batch; i++)
            {
                entries[i] = new StoredEntry(next++, 1, 0, data);
            }

            await store.SaveAsync(new StoredHardState(1, 1, next - 1), entries, mustSync: true, CancellationToken.None);
            batches++;
        }

        double elapsed = clock.Elapsed.TotalSeconds;
        long syncs = store.Statistics.WalSyncs - syncsBefore;
        double mib = (store.Statistics.BytesWritten - bytesBefore) / elapsed / (1024 * 1024);
        Console.WriteLine($"{batch,6} {batches * batch / elapsed,12:N0} {syncs / elapsed,10:N0} {mib,8:N1} {elapsed * 1e6 / batches,14:N1}");
    }

    Directory.Delete(directory, recursive: true);
}
