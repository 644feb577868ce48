namespace Submissions.Application.Abuse;

/// <summary>Bound from "RateLimits". Limits are per form, per client (daily IP hash), per app instance.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Submissions one client may make to one form within <see cref="WindowSeconds"/>.</summary>
    public int PermitsPerWindow { get; set; } = 10;

    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// The Front Door ID (a GUID, sent by Front Door as X-Azure-FDID) of the Azure Front Door profile in front of the
    /// app. Set: a request carrying it is Front Door's, and its client is X-Azure-SocketIP. Empty (the default): the
    /// client is the remote address the Functions host saw.
    /// </summary>
    public string? FrontDoorId { get; set; }
}
