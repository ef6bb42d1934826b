using System.Net;
using System.Net.Sockets;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Ports for servers the AppHost runs as local programs, chosen below the kernel's ephemeral range. A port from
/// that range (what binding port 0 gives) can be taken while its server is stopped: a client retrying the dead
/// port is handed that very port as its own source port (TCP self-connect), and the server cannot bind it again
/// when it restarts. Below the range no outgoing connection ever gets it.
/// </summary>
internal static class ListeningPorts
{
    private const int Lowest = 10_000;

    public static int OutsideEphemeralRange()
    {
        var ceiling = EphemeralRangeStart() - 1;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Lowest, ceiling);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free port between {Lowest} and {ceiling}");
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(range[0], out var start) && start > Lowest + 1000 ? start : 32_768;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 32_768; // Linux's default; elsewhere the range starts higher still
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
