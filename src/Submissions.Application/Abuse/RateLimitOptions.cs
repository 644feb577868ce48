namespace Submissions.Application.Abuse;

/// <summary>Bound from "RateLimits". Limits are per form, per client (daily IP hash), per app instance.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Submissions one client may make to one form within <see cref="WindowSeconds"/>.</summary>
    public int PermitsPerWindow { get; set; } = 10;

    public int WindowSeconds { get; set; } = 60;

    /// <summary>Proxies we run in front of the worker that append to X-Forwarded-For: 1 for the platform front end.</summary>
    public int TrustedProxyHops { get; set; } = 1;
}
