using Submissions.Domain.Validation;

namespace Submissions.Domain.Consent;

/// <summary>
/// Checks a form's consent answers against the catalog: every active label that applies to the form must be
/// answered explicitly, by its current version; nothing is ever taken as granted by default.
/// </summary>
public static class ConsentEvaluator
{
    public const string ErrorKeyPrefix = "consents";

    public static ConsentEvaluation Evaluate(string form, ConsentCatalog catalog, IEnumerable<ConsentAnswerInput?>? answers)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Evaluate(form, catalog, catalog.ActiveFor(form), answers);
    }

    /// <summary>
    /// As above, with the labels that apply given explicitly: a promotion entry answers the promotion form's general
    /// labels plus only that promotion's partner-sharing labels.
    /// </summary>
    public static ConsentEvaluation Evaluate(string form, ConsentCatalog catalog, IReadOnlyList<ConsentLabel> applicable, IEnumerable<ConsentAnswerInput?>? answers)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(applicable);
        var applicableIds = applicable.Select(label => label.LabelId).ToHashSet(StringComparer.Ordinal);
        var errors = new FieldErrors();
        var decisions = new List<ConsentDecision>();
        var answered = new HashSet<string>(StringComparer.Ordinal);

        var index = -1;
        foreach (var answer in answers ?? [])
        {
            index++;

            // Shape errors (missing or malformed id, version or granted) are the validator's to report.
            if (answer?.LabelId is not { } labelId || answer.Version is not { } version || !Identifiers.IsValid(labelId))
            {
                continue;
            }

            var latest = catalog.Latest(labelId);
            if (latest is null)
            {
                // An id the catalog does not know is client input: report it by position, never echo it.
                errors.Add($"{ErrorKeyPrefix}[{index}].labelId", "Unknown consent label.");
                continue;
            }

            var key = ErrorKey(labelId);
            if (!answered.Add(labelId))
            {
                errors.Add(key, $"Consent label '{labelId}' is answered more than once.");
                continue;
            }

            if (!latest.AppliesTo(form) || (latest.IsActive && !applicableIds.Contains(labelId)))
            {
                errors.Add(key, $"Consent label '{labelId}' does not apply to this {form} form.");
                continue;
            }

            if (!latest.IsActive)
            {
                errors.Add(key, $"Consent label '{labelId}' is retired and can no longer be answered.");
                continue;
            }

            var answeredVersion = catalog.Find(labelId, version);
            if (answeredVersion is null)
            {
                errors.Add(key, $"Consent label '{labelId}' has no version {version}; the current version is {latest.Version}.");
                continue;
            }

            if (answeredVersion.Version != latest.Version)
            {
                errors.Add(key, $"Version {version} of consent label '{labelId}' is retired; answer the current version {latest.Version}.");
                continue;
            }

            if (answer.Granted is not { } granted)
            {
                continue;
            }

            if (latest.Required && !granted)
            {
                errors.Add(key, $"Consent label '{labelId}' is required for this form and must be granted.");
                continue;
            }

            decisions.Add(new ConsentDecision(latest, granted));
        }

        foreach (var label in applicable)
        {
            if (!answered.Contains(label.LabelId))
            {
                errors.Add(ErrorKey(label.LabelId), $"Consent label '{label.LabelId}' (version {label.Version}) must be answered with granted true or false.");
            }
        }

        return new ConsentEvaluation(decisions, errors);
    }

    /// <summary>The error key for a label the catalog knows, e.g. "consents[terms]".</summary>
    public static string ErrorKey(string labelId) => $"{ErrorKeyPrefix}[{labelId}]";
}

public sealed record ConsentEvaluation(IReadOnlyList<ConsentDecision> Decisions, FieldErrors Errors)
{
    public bool IsValid => Errors.IsEmpty;

    public bool IsGranted(string purpose) => Decisions.Any(decision => decision.Granted && decision.Label.Purpose == purpose);
}
