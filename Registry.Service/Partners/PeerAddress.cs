using System.Net;
using System.Net.Sockets;

namespace Registry.Service.Partners;

/// <summary>The remote peer as the failure throttle and the audit summary name it: an IPv4 address, or an IPv6 /64.</summary>
public static class PeerAddress
{
    /// <summary>The name of a peer without an IP address (a Unix socket, the in-process test server).</summary>
    public const string Unknown = "unknown";

    // One host commonly holds a whole IPv6 /64, so a peer's addresses within it share one bucket.
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
