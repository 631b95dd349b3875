using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace RaftChaos.Controller.Engine;

/// <summary>
/// Moves images between engines through the API, as <c>docker save | DOCKER_HOST=... docker load</c> does: images are
/// built on one engine (the one the image build uses), and an engine of a pool that lacks one receives it streamed from
/// there, without a registry (none is reachable) and without a file in between. Progress goes out as megabytes sent.
/// </summary>
public static class ImageShipping
{
    // A line every 32 MiB: a 300 MB image gives about ten, enough to see it move without flooding the run's log.
    private const long ProgressStep = 32L << 20;

    /// <summary>
    /// Makes sure every image of <paramref name="images"/> exists on <paramref name="target"/>; the missing ones are
    /// saved from <paramref name="source"/> and loaded into <paramref name="target"/> in one stream. Returns the images
    /// shipped (empty when the target had them all, or is the source). Throws <see cref="InvalidOperationException"/>
    /// when an image is missing on the source too.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(
        DockerEngine source, DockerEngine target, IReadOnlyList<string> images, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(progress);
        if (source.Endpoint == target.Endpoint) return [];
        var missing = new List<string>();
        foreach (var image in images.Distinct(StringComparer.Ordinal))
        {
            if (!await ExistsAsync(target, image, cancellationToken).ConfigureAwait(false)) missing.Add(image);
        }
        if (missing.Count == 0) return [];
        foreach (var image in missing)
        {
            if (!await ExistsAsync(source, image, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"cannot ship {image} to {target.Endpoint}: it is missing on {source.Endpoint} too (build it there first)");
            }
        }

        progress($"shipping {string.Join(", ", missing)} from {source.Endpoint} to {target.Endpoint} (docker save | docker load through the API)");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long sent = 0;
        // A failure half way restarts the whole transfer: a load stream cannot resume, and the engine discards a partial load.
        await target.RunAsync(async (client, ct) =>
        {
            using var saved = await source.RunAsync((c, t) => c.Images.SaveImagesAsync([.. missing], t), ct).ConfigureAwait(false);
            await using var counted = new ProgressStream(saved, ProgressStep, bytes =>
            {
                sent = bytes;
                progress(string.Create(CultureInfo.InvariantCulture, $"  sent {bytes >> 20} MiB to {target.Endpoint}"));
            });
            var messages = new Progress<JSONMessage>(m =>
            {
                if (!string.IsNullOrWhiteSpace(m.Stream)) progress("  " + m.Stream.Trim());
            });
            await client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = false }, counted, messages, ct).ConfigureAwait(false);
            sent = counted.Position;
        }, cancellationToken).ConfigureAwait(false);

        foreach (var image in missing)
        {
            if (!await ExistsAsync(target, image, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"{target.Endpoint} loaded the stream but has no {image} afterwards");
            }
        }
        progress(string.Create(CultureInfo.InvariantCulture, $"shipped {missing.Count} image(s), {sent >> 20} MiB, in {clock.Elapsed.TotalSeconds:F1} s"));
        return missing;
    }

    /// <summary>True when <paramref name="engine"/> has <paramref name="image"/> (a tag or an id).</summary>
    public static async Task<bool> ExistsAsync(DockerEngine engine, string image, CancellationToken cancellationToken)
    {
        try
        {
            await engine.RunAsync((c, ct) => c.Images.InspectImageAsync(image, ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }
}
