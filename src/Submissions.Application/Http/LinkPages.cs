using Microsoft.AspNetCore.Http;

namespace Submissions.Application.Http;

/// <summary>
/// What every page reached from a link in a mail shares (opt-out, confirmation, preference centre, privacy requests):
/// a self-contained page — no script, no external resource, its own inline style — and headers that keep the token in
/// its URL from leaking onwards, being cached or indexed, or the page from being framed.
/// </summary>
public static class LinkPages
{
    /// <summary>The page's policy: no scripts, no external resources, its own inline style, forms only to itself.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

    /// <summary>A page with <paramref name="title"/> as its heading; <paramref name="body"/> is HTML the caller has encoded.</summary>
    public static ApiResult Page(string title, string body, int statusCode = StatusCodes.Status200OK) => WithPageHeaders(ApiResult.Html(statusCode, $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <meta name="referrer" content="no-referrer">
        <title>{{title}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}button{font:inherit;padding:.6rem 1.2rem;cursor:pointer}table{border-collapse:collapse}td,th{padding:.3rem .6rem;text-align:left;vertical-align:top;border-bottom:1px solid #ddd}</style>
        </head>
        <body>
        <main>
        <h1>{{title}}</h1>
        {{body}}
        </main>
        </body>
        </html>

        """));

    /// <summary>Whether the client asked for a page (a browser) rather than JSON.</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    public static ApiResult WithPageHeaders(ApiResult page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page
            .WithHeader("Cache-Control", "no-store")
            .WithHeader("Referrer-Policy", "no-referrer")
            .WithHeader("X-Robots-Tag", "noindex")
            .WithHeader("Content-Security-Policy", ContentSecurityPolicy)
            .WithHeader("X-Content-Type-Options", "nosniff")
            .WithHeader("X-Frame-Options", "DENY");
    }

    /// <summary>The token is in the URL: a problem answer must not leak it onwards or be indexed either.</summary>
    public static ApiResult WithPrivacyHeaders(ApiResult problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem
            .WithHeader("Referrer-Policy", "no-referrer")
            .WithHeader("X-Robots-Tag", "noindex");
    }

    /// <summary>The one <c>token</c> query parameter, or null when it is missing or repeated.</summary>
    public static string? Token(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Query["token"];
        return values.Count == 1 ? values[0] : null;
    }
}
