using System.Diagnostics;

namespace RaftChaos.Netem;

/// <summary>
/// The delay loop: one thread reads packet ids from the queue and files each with its release time, another accepts
/// them when their time comes (in release order, so jitter reorders). Runs until the process is killed; the kernel
/// then drops what is still held, as a link that goes down drops what is in flight.
/// </summary>
internal sealed class Delayer(NfQueueSocket socket, HoldTimes holds)
{
    private readonly PriorityQueue<uint, long> _held = new();
    private readonly object _gate = new(); // Monitor.Wait/Pulse need an object, not a Lock

    /// <summary>Packets accepted so far.</summary>
    public long Released { get; private set; }

    /// <summary>Runs both loops; returns only when one fails (the exception is rethrown).</summary>
    public void Run()
    {
        var release = new Thread(ReleaseLoop) { IsBackground = true, Name = "release" };
        release.Start();
        var buffer = new byte[65536];
        while (true)
        {
            var received = socket.Receive(buffer);
            var (ids, _) = NfQueueMessages.Parse(buffer.AsSpan(0, received));
            if (ids.Count == 0)
            {
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                foreach (var id in ids)
                {
                    _held.Enqueue(id, now + (holds.Next() * Stopwatch.Frequency / 1_000_000));
                }

                Monitor.PulseAll(_gate);
            }
        }
    }

    private void ReleaseLoop()
    {
        while (true)
        {
            uint id;
            lock (_gate)
            {
                while (true)
                {
                    if (!_held.TryPeek(out _, out var due)) { Monitor.Wait(_gate); continue; }
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait <= TimeSpan.Zero)
                    {
                        break;
                    }

                    Monitor.Wait(_gate, wait);
                }
                id = _held.Dequeue();
            }
            socket.Accept(id);
            Released++;
        }
    }
}
