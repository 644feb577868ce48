namespace Submissions.Application.Cors;

/// <summary>Bound from "Cors" (app setting Cors__AllowedOrigins).</summary>
public sealed class CorsOptions
{
    public const string SectionName = "Cors";

    /// <summary>
    /// The site origins whose browser code may call the public API, comma-separated, each exactly as a browser sends
    /// it in <c>Origin</c> (scheme, host, port; no path), e.g. <c>https://www.example.org</c>. Empty: no origin.
    /// Never <c>*</c>; https outside Development.
    /// </summary>
    public string AllowedOrigins { get; set; } = string.Empty;

    /// <summary>The entries of <see cref="AllowedOrigins"/>, trimmed, empty ones left out.</summary>
    public IReadOnlyList<string> Entries() =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
