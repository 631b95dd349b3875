namespace RaftChaos.Storage;

/// <summary>
/// A disk fault injected at the fdatasync of a WAL frame (chaos testing, see <see cref="StorageOptions.SyncFaults"/>):
/// the call first stalls for <paramref name="Delay"/>, then, when <paramref name="Fail"/>, fails as a disk that lost
/// the write does (EIO). <c>default</c> is a healthy disk.
/// </summary>
/// <param name="Delay">How long the fdatasync stalls (a slow or saturated disk). Zero: no stall.</param>
/// <param name="Fail">Whether it then fails with EIO, the frame lost (see <see cref="SyncFailedException"/>).</param>
public readonly record struct SyncFault(TimeSpan Delay, bool Fail)
{
    /// <summary>A healthy disk.</summary>
    public static SyncFault None => default;
}
