using Submissions.Domain.Validation;

namespace Submissions.Domain.Consent;

/// <summary>
/// Checks a form's consent answers against the catalog: every active label that applies to the form must be
/// answered explicitly, by its current version or by a version still within its grace (<see cref="ConsentAnswerWindow"/>);
/// nothing is ever taken as granted by default. An accepted answer is recorded as the exact version answered.
/// </summary>
public static class ConsentEvaluator
{
    public const string ErrorKeyPrefix = "consents";

    public static ConsentEvaluation Evaluate(string form, ConsentCatalog catalog, IEnumerable<ConsentAnswerInput?>? answers) =>
        Evaluate(form, catalog, static _ => true, answers, ConsentAnswerWindow.Strict);

    /// <summary>
    /// As below, with the labels that apply given explicitly and no grace.
    /// </summary>
    public static ConsentEvaluation Evaluate(string form, ConsentCatalog catalog, IReadOnlyList<ConsentLabel> applicable, IEnumerable<ConsentAnswerInput?>? answers)
    {
        ArgumentNullException.ThrowIfNull(applicable);
        var applicableIds = applicable.Select(label => label.LabelId).ToHashSet(StringComparer.Ordinal);
        return Evaluate(form, catalog, label => applicableIds.Contains(label.LabelId), answers, ConsentAnswerWindow.Strict);
    }

    /// <summary>
    /// <paramref name="belongs"/> narrows which labels this submission answers among those of the form: a promotion
    /// entry answers the promotion form's general labels plus only that promotion's partner-sharing labels. It is asked
    /// of every version answered, retired ones included, so a version in grace is held to the same scope.
    /// </summary>
    public static ConsentEvaluation Evaluate(
        string form, ConsentCatalog catalog, Func<ConsentLabel, bool> belongs, IEnumerable<ConsentAnswerInput?>? answers, ConsentAnswerWindow window)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(belongs);
        ArgumentNullException.ThrowIfNull(window);
        var applicable = catalog.ActiveFor(form).Where(belongs).ToList();
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

            var answeredVersion = catalog.Find(labelId, version);
            var inGrace = answeredVersion is { IsActive: false } && window.IsAnswerable(answeredVersion) && answeredVersion.AppliesTo(form) && belongs(answeredVersion);
            if (!inGrace && Refusal(form, labelId, version, latest, answeredVersion, applicableIds) is { } refusal)
            {
                errors.Add(key, refusal);
                continue;
            }

            if (answer.Granted is not { } granted)
            {
                continue;
            }

            // The version answered decides, in grace too: the person agreed (or not) to the text they were shown.
            var decided = answeredVersion!;
            if (decided.Required && !granted)
            {
                errors.Add(key, $"Consent label '{labelId}' is required for this form and must be granted.");
                continue;
            }

            decisions.Add(new ConsentDecision(decided, granted));
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

    private static string? Refusal(string form, string labelId, int version, ConsentLabel latest, ConsentLabel? answered, HashSet<string> applicableIds)
    {
        if (!latest.AppliesTo(form) || (latest.IsActive && !applicableIds.Contains(labelId)))
        {
            return $"Consent label '{labelId}' does not apply to this {form} form.";
        }

        if (!latest.IsActive)
        {
            return $"Consent label '{labelId}' is retired and can no longer be answered.";
        }

        if (answered is null)
        {
            return $"Consent label '{labelId}' has no version {version}; the current version is {latest.Version}.";
        }

        return answered.Version != latest.Version
            ? $"Version {version} of consent label '{labelId}' is retired; answer the current version {latest.Version}."
            : null;
    }

    /// <summary>The error key for a label the catalog knows, e.g. "consents[terms]".</summary>
    public static string ErrorKey(string labelId) => $"{ErrorKeyPrefix}[{labelId}]";
}

public sealed record ConsentEvaluation(IReadOnlyList<ConsentDecision> Decisions, FieldErrors Errors)
{
    public bool IsValid => Errors.IsEmpty;

    public bool IsGranted(string purpose) => Decisions.Any(decision => decision.Granted && decision.Label.Purpose == purpose);
}
