using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace FilterApi.Callbacks;

/// <summary>
/// Keeps callbacks off internal networks (server-side request forgery): only absolute http/https URLs, and no
/// loopback, private, link-local or unspecified address, checked when the job is accepted and again on every
/// connection, so a DNS answer that changes in between cannot redirect the POST inward.
/// </summary>
internal sealed class CallbackNetworkPolicy(IOptions<CallbackOptions> options)
{
    /// <returns>Null when the URL may be used, otherwise why not.</returns>
    public async Task<string?> ValidateAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return "callbackUrl must be an absolute http or https URL";
        }

        try
        {
            var addresses = await ResolveAsync(uri.DnsSafeHost, cancellationToken);
            return addresses.Length > 0 ? null : "callbackUrl points to a loopback, private or link-local address";
        }
        catch (SocketException)
        {
            return "callbackUrl's host cannot be resolved";
        }
    }

    /// <summary>The host's addresses this policy allows (all of them when private networks are allowed).</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        return options.Value.AllowPrivateNetworks ? addresses : [.. addresses.Where(IsPublic)];
    }

    /// <summary>Used as the callback client's connect callback: connects only to allowed addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"callback destination {context.DnsEndPoint.Host} is not a public address");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            if (v6 is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
            {
                // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes: judge that one.
                return IsPublic(new IPAddress(v6[12..]));
            }

            return !address.IsIPv6LinkLocal && !address.IsIPv6SiteLocal && (v6[0] & 0xFE) != 0xFC; // fc00::/7 unique local
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
            || (b[0] == 198 && (b[1] & 0xFE) == 18) // 198.18.0.0/15, benchmarking networks
            || b[0] >= 240 // 240.0.0.0/4 reserved, and broadcast
            || b[0] == 0);
    }
}
