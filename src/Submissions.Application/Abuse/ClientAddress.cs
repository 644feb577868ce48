using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Submissions.Application.Abuse;

/// <summary>
/// Finds the client's address from what the worker really receives. The Functions host proxies every request to the
/// worker and replaces any X-Forwarded-For with its own view of the remote address, which the worker's
/// forwarded-headers handling turns into <c>RemoteIpAddress</c>: the worker never sees an X-Forwarded-For header, and
/// <c>RemoteIpAddress</c> is the client of a direct deployment. Behind Azure Front Door that address is one of Front
/// Door's, and the client is X-Azure-SocketIP, the address of the TCP connection Front Door accepted — not
/// X-Azure-ClientIP, which Front Door takes from a client's own X-Forwarded-For, so anyone could claim a fresh budget per
/// request. Trusted only when <c>RateLimits:FrontDoorId</c> is set and the request carries that id in X-Azure-FDID
/// (Front Door overwrites both; infra/ admits only Front Door's back end), since anyone can send the headers to an app
/// Front Door does not guard.
/// </summary>
public static class ClientAddress
{
    public const string FrontDoorIdHeader = "X-Azure-FDID";
    public const string FrontDoorClientHeader = "X-Azure-SocketIP";

    public static IPAddress? Resolve(HttpRequest request, string? frontDoorId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var remote = request.HttpContext.Connection.RemoteIpAddress;
        if (string.IsNullOrEmpty(frontDoorId) || !CameThroughFrontDoor(request, frontDoorId))
        {
            return remote;
        }

        return request.Headers[FrontDoorClientHeader] is { Count: 1 } values && IPAddress.TryParse(values[0], out var client)
            ? client
            : remote;
    }

    /// <summary>Exactly one X-Azure-FDID, equal to ours (GUIDs, so case aside); compared in constant time.</summary>
    private static bool CameThroughFrontDoor(HttpRequest request, string frontDoorId)
    {
        if (request.Headers[FrontDoorIdHeader] is not { Count: 1 } values || values[0] is not { } given)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(given.Trim().ToLowerInvariant()),
            Encoding.UTF8.GetBytes(frontDoorId.Trim().ToLowerInvariant()));
    }
}
