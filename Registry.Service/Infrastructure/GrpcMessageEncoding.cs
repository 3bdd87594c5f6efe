using System.Text;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The <c>grpc-message</c> header's encoding, for the few answers the service writes without grpc-dotnet (the
/// authentication handler's trailers-only refusals). The gRPC HTTP/2 spec percent-encodes only what is not printable
/// ASCII, and '%' itself: space through '~' are sent as they are ("Percent-Byte-Unreserved"), every other UTF-8 byte as
/// %XX. <see cref="Uri.EscapeDataString"/> escapes far more (spaces, colons, quotes), and clients that decode only what
/// the spec requires (grpc-js) then show "%20" and "%3A".
/// </summary>
public static class GrpcMessageEncoding
{
    public static string Encode(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.All(c => c is >= ' ' and <= '~' and not '%'))
        {
            return message;
        }

        var encoded = new StringBuilder(message.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return encoded.ToString();
    }
}
