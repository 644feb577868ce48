using Microsoft.Extensions.Options;

namespace Submissions.Application.ConsentLabels;

/// <summary>
/// The grace for a retired version must outlast every cache that may still show it: an instance's catalog and a
/// browser's label list. Otherwise an instance that has not yet seen a retirement would accept an answer that every
/// other instance already refuses. An instance may serve its catalog past CacheSeconds while it reloads in the
/// background, but never past <see cref="ConsentCatalogOptions.MaxStaleSeconds"/>, which is capped at the grace less a
/// browser's copy: the rule below (grace ≥ CacheSeconds + a browser's copy) is what keeps that cap at CacheSeconds or more.
/// </summary>
public sealed class ConsentCatalogOptionsValidator : IValidateOptions<ConsentCatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsentCatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.CacheSeconds is not (>= 0 and <= 3600))
        {
            failures.Add("ConsentCatalog:CacheSeconds must be between 0 and 3600.");
        }

        if (GraceFailure(options) is { } graceFailure)
        {
            failures.Add(graceFailure);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? GraceFailure(ConsentCatalogOptions options)
    {
        if (!double.IsFinite(options.CacheSeconds) || options.CacheSeconds < 0)
        {
            return "ConsentCatalog:CacheSeconds must be zero or more.";
        }

        var minimumGrace = options.CacheSeconds + ConsentCatalogOptions.BrowserCacheSeconds;
        return !double.IsFinite(options.RetiredVersionGraceSeconds) || options.RetiredVersionGraceSeconds < minimumGrace
            ? $"ConsentCatalog:RetiredVersionGraceSeconds must be at least CacheSeconds + {ConsentCatalogOptions.BrowserCacheSeconds} ({minimumGrace}): "
                + "a retired version must stay answerable while any instance or browser may still show it."
            : null;
    }
}
