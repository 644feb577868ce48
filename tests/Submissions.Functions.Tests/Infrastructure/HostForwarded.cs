using System.Net;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// A request as the Functions host forwards it to the worker (measured: ../shared/platform-notes.md, "Azure Functions
/// host"): the host's proxy consumes X-Forwarded-For, so the worker never sees that header, and the client is
/// <c>Connection.RemoteIpAddress</c> — the address the host saw the connection come from. Passed where request headers
/// are (<see cref="HttpExchange.Request(string, string, string?, string?, string?, IDictionary{string, string}?, bool)"/>),
/// it carries the other headers the client sent, which pass through unchanged.
/// </summary>
public sealed class HostForwarded : Dictionary<string, string>
{
    public HostForwarded(string remoteAddress)
        : base(StringComparer.OrdinalIgnoreCase) => RemoteAddress = IPAddress.Parse(remoteAddress);

    /// <summary>The address the host saw: the client's, or Front Door's when Front Door is in front.</summary>
    public IPAddress RemoteAddress { get; }

    /// <summary>
    /// Behind Front Door: the headers Front Door sets — its id, and the socket address of the client's connection (it
    /// overwrites whatever the client sent) — plus an X-Azure-ClientIP taken from a client's own X-Forwarded-For.
    /// </summary>
    public HostForwarded ThroughFrontDoor(string frontDoorId, string clientAddress, string? clientSaidForwardedFor = null)
    {
        this["X-Azure-FDID"] = frontDoorId;
        this["X-Azure-SocketIP"] = clientAddress;
        this["X-Azure-ClientIP"] = clientSaidForwardedFor ?? clientAddress;
        return this;
    }
}
