namespace Submissions.Application.ConsentLabels;

/// <summary>Bound from "ConsentCatalog".</summary>
public sealed class ConsentCatalogOptions
{
    public const string SectionName = "ConsentCatalog";

    /// <summary>
    /// How long an instance serves its cached catalog. A label changed on another instance is seen within this
    /// time; the instance that made the change sees it at once.
    /// </summary>
    public double CacheSeconds { get; set; } = 30;
}
