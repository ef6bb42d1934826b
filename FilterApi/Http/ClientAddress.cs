using System.Net;
using System.Net.Sockets;

namespace FilterApi.Http;

/// <summary>The client address that per-address limits count against.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// The peer's IPv4 address, or the /64 of an IPv6 one: a single subscriber is usually handed a whole /64, so
    /// counting single IPv6 addresses would give one client 2^64 buckets.
    /// </summary>
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }
}
