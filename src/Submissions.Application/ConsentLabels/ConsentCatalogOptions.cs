namespace Submissions.Application.ConsentLabels;

/// <summary>Bound from "ConsentCatalog".</summary>
public sealed class ConsentCatalogOptions
{
    public const string SectionName = "ConsentCatalog";

    /// <summary>How long a browser may reuse a form's label list (the public labels route's Cache-Control max-age).</summary>
    public const int BrowserCacheSeconds = 60;

    /// <summary>How many times CacheSeconds a catalog may be served while a background load replaces it.</summary>
    public const int StaleServeFactor = 10;

    /// <summary>
    /// How long an instance's cached catalog is fresh. Past it, a request still gets the cached catalog at once and
    /// starts one background load; a label changed on another instance is seen once that load lands — on an instance
    /// with traffic, within this time plus one load. The instance that made the change sees it at once. 0: every
    /// request loads the catalog.
    /// </summary>
    public double CacheSeconds { get; set; } = 30;

    /// <summary>
    /// The oldest catalog an instance serves (while its background load runs, or after loads failed); past it a request
    /// waits for a load. <see cref="StaleServeFactor"/> × <see cref="CacheSeconds"/>, but never more than the grace
    /// leaves once a browser's copy is counted (<see cref="RetiredVersionGraceSeconds"/> − <see cref="BrowserCacheSeconds"/>),
    /// so the grace outlasts every cache however stale: 300 s with the defaults. Derived, not configured.
    /// </summary>
    public double MaxStaleSeconds => Math.Min(StaleServeFactor * CacheSeconds, RetiredVersionGraceSeconds - BrowserCacheSeconds);

    /// <summary>
    /// How long after a version is retired (superseded by a new version, or the label retired) an answer to it is still
    /// accepted, on every instance, and recorded as that version. Counted from the retirement time stored with the
    /// version; at least <see cref="CacheSeconds"/> plus <see cref="BrowserCacheSeconds"/>, so that no instance or
    /// browser can still be showing a version whose grace has ended. An instance may serve a catalog older than
    /// CacheSeconds while it reloads, but never older than <see cref="MaxStaleSeconds"/>, which the grace caps.
    /// </summary>
    public double RetiredVersionGraceSeconds { get; set; } = 900;
}
