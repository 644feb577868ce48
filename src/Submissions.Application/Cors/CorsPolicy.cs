using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;

namespace Submissions.Application.Cors;

/// <summary>
/// The app's own CORS, for the public routes only: a request whose <c>Origin</c> is allowed gets that exact origin in
/// <c>Access-Control-Allow-Origin</c> and may read <see cref="ExposedHeaders"/> — what the platform's CORS setting
/// cannot grant. No credentials, no wildcard. Manage routes get no CORS header: admin answers are never readable
/// cross-origin.
/// </summary>
public sealed class CorsPolicy
{
    /// <summary>Response headers a browser script may read besides the CORS-safelisted ones.</summary>
    public const string ExposedHeaders = "Retry-After, Idempotent-Replayed, Location";

    /// <summary>The methods of the public routes; OPTIONS is the preflight itself.</summary>
    public const string AllowedMethods = "GET, POST";

    /// <summary>The request headers a public form sends beyond the safelisted ones.</summary>
    public const string AllowedHeaders = "Content-Type, Idempotency-Key";

    /// <summary>How long a browser may reuse a preflight answer, in seconds (Chromium caps it at 7200).</summary>
    public const string MaxAgeSeconds = "600";

    private readonly HashSet<string> origins;

    public CorsPolicy(IOptions<CorsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        origins = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in options.Value.Entries())
        {
            if (TryNormalize(entry, out var origin))
            {
                origins.Add(origin);
            }
        }
    }

    /// <summary>True when some origin is allowed: then answers vary by <c>Origin</c>.</summary>
    public bool IsEnabled => origins.Count > 0;

    /// <summary>The request's origin when it is one value, allowed, on a public route; otherwise null.</summary>
    public string? AllowedOriginOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers.Origin;
        return values.Count == 1 && values[0] is { } origin && origins.Contains(origin) && !ApiPaths.IsManagePath(request.Path)
            ? origin
            : null;
    }

    /// <summary>
    /// Adds the CORS headers of an actual (non-preflight) request to its response, before the function runs, so every
    /// answer — a 429, a 503, a refusal — carries them.
    /// </summary>
    public void ApplyTo(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsEnabled)
        {
            return;
        }

        // Shared caches must not give one origin's answer (or a no-origin answer) to another.
        var headers = context.Response.Headers;
        headers.Append("Vary", "Origin");
        if (AllowedOriginOf(context.Request) is { } origin)
        {
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlExposeHeaders = ExposedHeaders;
        }
    }

    /// <summary>
    /// The origin as a browser serializes it (lower-case scheme and host, default port left out) when
    /// <paramref name="entry"/> is an http(s) origin and nothing more (a lone trailing slash is tolerated).
    /// </summary>
    public static bool TryNormalize(string entry, [NotNullWhen(true)] out string? origin)
    {
        origin = null;
        if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return false;
        }

        origin = uri.GetLeftPart(UriPartial.Authority);
        return true;
    }
}
