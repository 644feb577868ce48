using System.Net;
using Microsoft.AspNetCore.Http;

namespace Submissions.Application.Abuse;

/// <summary>
/// Finds the client's address. Behind the Functions host the worker's remote address is the host's loopback proxy, so
/// the client is in X-Forwarded-For. Every proxy appends the address it saw, and a client can send any value it
/// likes first, so only entries appended by proxies we run are trusted: with <c>trustedHops</c> = 1 (the platform
/// front end) that is the last entry; with Front Door in front as well, the second to last.
/// </summary>
public static class ClientAddress
{
    public const string ForwardedForHeader = "X-Forwarded-For";

    public static IPAddress? Resolve(HttpRequest request, int trustedHops)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = request.Headers[ForwardedForHeader]
            .SelectMany(value => (value ?? string.Empty).Split(','))
            .Select(entry => entry.Trim())
            .Where(entry => entry.Length > 0)
            .ToList();

        if (trustedHops > 0 && entries.Count >= trustedHops && TryParse(entries[^trustedHops], out var forwarded))
        {
            return forwarded;
        }

        return request.HttpContext.Connection.RemoteIpAddress;
    }

    /// <summary>Accepts "203.0.113.7", "203.0.113.7:5123", "2001:db8::1" and "[2001:db8::1]:443".</summary>
    private static bool TryParse(string entry, out IPAddress? address)
    {
        if (IPAddress.TryParse(entry, out address))
        {
            return true;
        }

        if (IPEndPoint.TryParse(entry, out var endpoint))
        {
            address = endpoint.Address;
            return true;
        }

        address = null;
        return false;
    }
}
