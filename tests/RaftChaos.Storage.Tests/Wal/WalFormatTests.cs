using RaftChaos.Storage.Wal;

namespace RaftChaos.Storage.Tests.Wal;

public sealed class WalFormatTests
{
    [Test]
    public void Checksum_IsCrc32C() =>
        Assert.That(WalFormat.Checksum("123456789"u8), Is.EqualTo(0xE3069283u), "the CRC-32C (Castagnoli) check value");

    [Test]
    public void TryReadFrame_SealedBatch_RoundTrips()
    {
        var batch = new WalBatch();
        batch.AddEntry(new StoredEntry(1, 1, 0, new byte[] { 9 }));
        byte[] frame = batch.Seal().ToArray();

        Assert.That(WalFormat.TryReadFrame(frame, 0, out int length), Is.Null);
        Assert.That(length, Is.EqualTo(frame.Length - WalFormat.FrameHeaderBytes));
        frame[^1] ^= 1;
        Assert.That(WalFormat.TryReadFrame(frame, 0, out _), Does.StartWith("checksum mismatch"));
    }
}
