namespace Submissions.Application.ConsentLabels;

/// <summary>Bound from "ConsentCatalog".</summary>
public sealed class ConsentCatalogOptions
{
    public const string SectionName = "ConsentCatalog";

    /// <summary>How long a browser may reuse a form's label list (the public labels route's Cache-Control max-age).</summary>
    public const int BrowserCacheSeconds = 60;

    /// <summary>
    /// How long an instance serves its cached catalog. A label changed on another instance is seen within this
    /// time; the instance that made the change sees it at once.
    /// </summary>
    public double CacheSeconds { get; set; } = 30;

    /// <summary>
    /// How long after a version is retired (superseded by a new version, or the label retired) an answer to it is still
    /// accepted, on every instance, and recorded as that version. Counted from the retirement time stored with the
    /// version; at least <see cref="CacheSeconds"/> plus <see cref="BrowserCacheSeconds"/>, so that no instance or
    /// browser can still be showing a version whose grace has ended.
    /// </summary>
    public double RetiredVersionGraceSeconds { get; set; } = 900;
}
