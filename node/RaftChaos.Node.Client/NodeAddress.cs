using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RaftChaos.Node.Client;

/// <summary>A node's gRPC endpoint as <c>host:port</c> (plain-text HTTP/2; the node serves no TLS).</summary>
public sealed record NodeAddress(string Host, int Port)
{
    /// <summary>The <c>http://</c> URI Grpc.Net.Client needs for an h2c connection.</summary>
    public Uri ToUri() => new($"http://{FormatHost()}:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <inheritdoc />
    public override string ToString() => $"{FormatHost()}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>host:port</c> (<c>[::1]:5000</c> for IPv6); <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NodeAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "an address must be host:port, got an empty string";
            return false;
        }
        text = text.Trim();
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            text = text["http://".Length..].TrimEnd('/');
        }
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"an address must be host:port, got '{text}'";
            return false;
        }
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"the port of '{text}' must be a number from 1 to 65535";
            return false;
        }
        address = new NodeAddress(host, port);
        error = null;
        return true;
    }

    /// <summary>Parses <c>host:port</c> or throws <see cref="FormatException"/> with the reason.</summary>
    public static NodeAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    private string FormatHost() => Host.Contains(':') ? $"[{Host}]" : Host;
}
