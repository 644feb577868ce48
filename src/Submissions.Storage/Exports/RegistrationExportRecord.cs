namespace Submissions.Storage.Exports;

/// <summary>
/// One row of the registrations export query, as the export reads it: a person's member row (<see cref="IsMember"/>) or
/// one of their own consent records, keyed by the person (<see cref="SubjectKey"/>, which is not exported).
/// </summary>
public sealed record RegistrationExportRecord(
    string SubjectKey,
    bool IsMember,
    string? MemberId,
    string? Email,
    string? DisplayName,
    string? Language,
    string? Country,
    string? AgeRange,
    string? Gender,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset? UpdatedAt,
    int? RegistrationCount,
    string? LabelId,
    bool? Granted,
    string? Form,
    DateTimeOffset? RecordedAt)
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(RegistrationExportRecord);
}
