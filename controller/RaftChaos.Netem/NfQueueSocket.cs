using System.ComponentModel;
using System.Runtime.InteropServices;

namespace RaftChaos.Netem;

/// <summary>
/// A netlink socket bound to one netfilter queue, through libc (socket, bind, send, recv): .NET's Socket has no
/// netlink address type, and libnetfilter_queue would be one more package in the helper image for four messages.
/// One thread receives, another sends verdicts: the kernel allows both on one socket.
/// </summary>
internal sealed partial class NfQueueSocket : IDisposable
{
    private const int AfNetlink = 16;
    private const int SockRaw = 3;
    private const int NetlinkNetfilter = 12;
    private const int SolNetlink = 270;
    private const int NetlinkNoEnobufs = 5;
    private const int SolSocket = 1;
    private const int SoRcvBuf = 8;

    private readonly int _fd;
    private readonly ushort _queue;
    private uint _sequence;

    private NfQueueSocket(int fd, ushort queue)
    {
        _fd = fd;
        _queue = queue;
    }

    /// <summary>Opens a socket and binds it to <paramref name="queue"/>; throws <see cref="Win32Exception"/> with the errno when the kernel refuses.</summary>
    public static NfQueueSocket Open(ushort queue, uint maxLength)
    {
        var fd = Socket(AfNetlink, SockRaw, NetlinkNetfilter);
        if (fd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "socket(AF_NETLINK, NETLINK_NETFILTER)");
        }

        var socket = new NfQueueSocket(fd, queue);
        try
        {
            var address = new byte[12];
            address[0] = AfNetlink; // sockaddr_nl: family, pad, port id 0 (the kernel picks), groups 0
            if (Bind(fd, address, address.Length) < 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "bind(netlink)");
            }

            var one = 1;
            SetSockOpt(fd, SolNetlink, NetlinkNoEnobufs, ref one, sizeof(int)); // best effort: an overrun is no reason to stop
            var buffer = 4 << 20;
            SetSockOpt(fd, SolSocket, SoRcvBuf, ref buffer, sizeof(int));
            socket.SendChecked(NfQueueMessages.Bind(queue, maxLength, socket.NextSequence()));
            var reply = new byte[8192];
            var received = socket.Receive(reply);
            var (_, ack) = NfQueueMessages.Parse(reply.AsSpan(0, received));
            if (ack is not 0)
            {
                throw new Win32Exception(-(ack ?? 0), $"binding netfilter queue {queue} (is another delayer bound to it?)");
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Blocks until the kernel sends a datagram; returns its length.</summary>
    public int Receive(byte[] buffer)
    {
        while (true)
        {
            var n = Recv(_fd, buffer, buffer.Length, 0);
            if (n >= 0)
            {
                return (int)n;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno is 4 or 105)
            {
                continue; // EINTR; ENOBUFS (an overrun: the kernel let those packets pass, fail-open)
            }

            throw new Win32Exception(errno, "recv(netlink)");
        }
    }

    /// <summary>Accepts packet <paramref name="packetId"/>: it leaves the queue and goes on.</summary>
    public void Accept(uint packetId) => SendChecked(NfQueueMessages.Verdict(_queue, packetId, NfQueueMessages.Accept, NextSequence()));

    /// <inheritdoc />
    public void Dispose() => Close(_fd);

    private uint NextSequence() => Interlocked.Increment(ref _sequence);

    private void SendChecked(byte[] message)
    {
        if (Send(_fd, message, message.Length, 0) < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "send(netlink)");
        }
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int fd, byte[] address, int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, ref int value, int length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint Send(int fd, byte[] buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint Recv(int fd, byte[] buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
