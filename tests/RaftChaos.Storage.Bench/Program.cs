// Usage: dotnet run -c Release --project tests/RaftChaos.Storage.Bench -- [SECONDS=5] [DIR=$TMP/raftchaos-storage-bench]
using System.Diagnostics;
using System.Globalization;
using RaftChaos.Storage;

// Each row: one store in a fresh directory, synced SaveAsync calls of BATCH entries (256 bytes each) for SECONDS,
// with the WAL's preallocation on (the default, 1 MiB of zeros ahead) and off (every sync grows the file).
// One call = one write + one fsync, so fsyncs/s is the batch rate and appends/s = batch rate × batch size.
double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
string root = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "raftchaos-storage-bench");
const int EntryBytes = 256;

Console.WriteLine($"DurableStore, {EntryBytes}-byte entries, {seconds:0.#} s per row, directory {root}");
Console.WriteLine($"{"prealloc",8} {"batch",6} {"appends/s",12} {"fsyncs/s",10} {"MiB/s",8} {"mean µs",8} {"p50 µs",8} {"p99 µs",8}");
foreach (int batch in new[] { 1, 16, 64 })
foreach (bool preallocate in new[] { true, false })
{
    string directory = Path.Combine(root, $"batch-{batch}-{Guid.NewGuid():N}");
    var options = preallocate ? new StorageOptions { Directory = directory } : new StorageOptions { Directory = directory, PreallocateBytes = 0 };
    var times = new List<long>();
    await using (DurableStore store = await DurableStore.OpenAsync(options, CancellationToken.None))
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

            long started = Stopwatch.GetTimestamp();
            await store.SaveAsync(new StoredHardState(1, 1, next - 1), entries, mustSync: true, CancellationToken.None);
            times.Add(Stopwatch.GetTimestamp() - started);
            batches++;
        }

        double elapsed = clock.Elapsed.TotalSeconds;
        long syncs = store.Statistics.WalSyncs - syncsBefore;
        double mib = (store.Statistics.BytesWritten - bytesBefore) / elapsed / (1024 * 1024);
        times.Sort();
        double Micros(double quantile) => times[(int)(quantile * (times.Count - 1))] * 1e6 / Stopwatch.Frequency;
        Console.WriteLine($"{(preallocate ? "on" : "off"),8} {batch,6} {batches * batch / elapsed,12:N0} {syncs / elapsed,10:N0} {mib,8:N1} {elapsed * 1e6 / batches,8:N0} {Micros(0.5),8:N0} {Micros(0.99),8:N0}");
    }

    Directory.Delete(directory, recursive: true);
}
