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
        var scope = new AnswerScope(form, catalog, belongs, window, applicable.Select(label => label.LabelId).ToHashSet(StringComparer.Ordinal));
        var errors = new FieldErrors();
        var decisions = new List<ConsentDecision>();
        var answered = new HashSet<string>(StringComparer.Ordinal);

        var index = -1;
        foreach (var answer in answers ?? [])
        {
            index++;
            if (Decide(scope, answer, index, answered, errors) is { } decision)
            {
                decisions.Add(decision);
            }
        }

        ReportUnanswered(applicable, answered, errors);
        return new ConsentEvaluation(decisions, errors);
    }

    /// <summary>One answer in order: its decision when it stands, otherwise null with any error recorded against it.</summary>
    private static ConsentDecision? Decide(AnswerScope scope, ConsentAnswerInput? answer, int index, HashSet<string> answered, FieldErrors errors)
    {
        // Shape errors (missing or malformed id, version or granted) are the validator's to report.
        if (answer?.LabelId is not { } labelId || answer.Version is not { } version || !Identifiers.IsValid(labelId))
        {
            return null;
        }

        var latest = scope.Catalog.Latest(labelId);
        if (latest is null)
        {
            // An id the catalog does not know is client input: report it by position, never echo it.
            errors.Add($"{ErrorKeyPrefix}[{index}].labelId", "Unknown consent label.", FieldErrorCodes.ConsentUnknown);
            return null;
        }

        var key = ErrorKey(labelId);
        if (!answered.Add(labelId))
        {
            errors.Add(key, $"Consent label '{labelId}' is answered more than once.", FieldErrorCodes.Duplicate);
            return null;
        }

        var answeredVersion = scope.Catalog.Find(labelId, version);
        if (!IsInGrace(scope, answeredVersion) && Refusal(scope.Form, labelId, version, latest, answeredVersion, scope.ApplicableIds) is { } refusal)
        {
            errors.Add(key, refusal.Message, refusal.Code);
            return null;
        }

        if (answer.Granted is not { } granted)
        {
            return null;
        }

        // The version answered decides, in grace too: the person agreed (or not) to the text they were shown.
        var decided = answeredVersion!;
        if (decided.Required && !granted)
        {
            errors.Add(key, $"Consent label '{labelId}' is required for this form and must be granted.", FieldErrorCodes.ConsentRequired);
            return null;
        }

        return new ConsentDecision(decided, granted);
    }

    /// <summary>A retired version still answerable: within its grace, for this form, and within this submission's scope.</summary>
    private static bool IsInGrace(AnswerScope scope, ConsentLabel? answeredVersion) =>
        answeredVersion is { IsActive: false }
        && scope.Window.IsAnswerable(answeredVersion)
        && answeredVersion.AppliesTo(scope.Form)
        && scope.Belongs(answeredVersion);

    /// <summary>Nothing is granted by default: every applicable label left unanswered is an error.</summary>
    private static void ReportUnanswered(List<ConsentLabel> applicable, HashSet<string> answered, FieldErrors errors)
    {
        foreach (var label in applicable)
        {
            if (!answered.Contains(label.LabelId))
            {
                errors.Add(ErrorKey(label.LabelId), $"Consent label '{label.LabelId}' (version {label.Version}) must be answered with granted true or false.", FieldErrorCodes.ConsentMissing);
            }
        }
    }

    /// <summary>Why an answer to a known label cannot stand, with its code; null when it answers the current version.</summary>
    private static (string Message, string Code)? Refusal(string form, string labelId, int version, ConsentLabel latest, ConsentLabel? answered, HashSet<string> applicableIds)
    {
        if (!latest.AppliesTo(form) || (latest.IsActive && !applicableIds.Contains(labelId)))
        {
            return ($"Consent label '{labelId}' does not apply to this {form} form.", FieldErrorCodes.ConsentUnknown);
        }

        if (!latest.IsActive)
        {
            return ($"Consent label '{labelId}' is retired and can no longer be answered.", FieldErrorCodes.ConsentVersionRetired);
        }

        if (answered is null)
        {
            return ($"Consent label '{labelId}' has no version {version}; the current version is {latest.Version}.", FieldErrorCodes.ConsentVersionUnknown);
        }

        return answered.Version != latest.Version
            ? ($"Version {version} of consent label '{labelId}' is retired; answer the current version {latest.Version}.", FieldErrorCodes.ConsentVersionRetired)
            : null;
    }

    /// <summary>The error key for a label the catalog knows, e.g. "consents[terms]".</summary>
    public static string ErrorKey(string labelId) => $"{ErrorKeyPrefix}[{labelId}]";

    /// <summary>What one submission's answers are checked against, fixed for all its answers.</summary>
    private sealed record AnswerScope(
        string Form, ConsentCatalog Catalog, Func<ConsentLabel, bool> Belongs, ConsentAnswerWindow Window, HashSet<string> ApplicableIds);
}
