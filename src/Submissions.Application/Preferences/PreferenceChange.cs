using Submissions.Domain.Validation;

namespace Submissions.Application.Preferences;

/// <summary>
/// What a change in the preference centre did: the labels withdrawn and granted (none when every answer already was as
/// asked), the receipts that record them, the notices owed to partners, and the choices as they stand now. A request
/// naming something that cannot be changed here is <see cref="Refused"/> as a whole and changes nothing.
/// </summary>
public sealed record PreferenceChange(
    PreferenceChoices Choices,
    IReadOnlyList<string> Withdrawn,
    IReadOnlyList<string> Granted,
    IReadOnlyList<string> ReceiptIds,
    int NoticesOwed,
    FieldErrors? Refused)
{
    public bool Changed => Withdrawn.Count + Granted.Count > 0;
}
