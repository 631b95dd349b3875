using System.ComponentModel;
using System.Globalization;
using RaftChaos.Netem;

// raftchaos-netem --queue N --delay-ms D [--jitter-ms J] [--seed S] [--max-held M]
// Binds netfilter queue N (iptables ... -j NFQUEUE --queue-num N --queue-bypass) and holds each packet D ± J ms.
// Prints "bound queue=N" once bound, so the caller can add its rules after that line and never before.
var settings = new Dictionary<string, long>(StringComparer.Ordinal) { ["--jitter-ms"] = 0, ["--seed"] = 0, ["--max-held"] = 4096 };
for (var i = 0; i < args.Length; i += 2)
{
    if (i + 1 >= args.Length || !long.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
    {
        Console.Error.WriteLine($"raftchaos-netem: '{args[i]}' needs a non-negative integer; usage: --queue N --delay-ms D [--jitter-ms J] [--seed S] [--max-held M]");
        return 64;
    }
    settings[args[i]] = value;
}
if (!settings.TryGetValue("--queue", out var queue) || queue > ushort.MaxValue || !settings.TryGetValue("--delay-ms", out var delayMs))
{
    Console.Error.WriteLine("raftchaos-netem: --queue (0-65535) and --delay-ms are required");
    return 64;
}
try
{
    using var socket = NfQueueSocket.Open((ushort)queue, (uint)settings["--max-held"]);
    Console.WriteLine($"bound queue={queue} delayMs={delayMs} jitterMs={settings["--jitter-ms"]} seed={settings["--seed"]}");
    new Delayer(socket, new HoldTimes(delayMs * 1000, settings["--jitter-ms"] * 1000, (ulong)settings["--seed"])).Run();
    return 0;
}
catch (Win32Exception e)
{
    Console.Error.WriteLine($"raftchaos-netem: {e.Message} (errno {e.NativeErrorCode}); the helper needs NET_ADMIN");
    return 71;
}
