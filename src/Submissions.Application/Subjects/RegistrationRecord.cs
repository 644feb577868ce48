using Submissions.Storage.Forms;

namespace Submissions.Application.Subjects;

/// <summary>The person's registration in their access bundle: their member row.</summary>
public sealed record RegistrationRecord(
    string MemberId,
    string? Email,
    string? DisplayName,
    string? Language,
    string? Country,
    string? AgeRange,
    string? Gender,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset? UpdatedAt,
    int RegistrationCount,
    DateTimeOffset? ConfirmedAt)
{
    public static RegistrationRecord From(StoredRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.GetString("MemberId") ?? string.Empty,
            row.GetString("Email"),
            row.GetString("DisplayName"),
            row.GetString("Language"),
            row.GetString("Country"),
            row.GetString("AgeRange"),
            row.GetString("Gender"),
            row.GetDateTimeOffset("RegisteredAt"),
            row.GetDateTimeOffset("UpdatedAt"),
            row.GetInt32("RegistrationCount") ?? 0,
            row.GetDateTimeOffset("ConfirmedAt"));
    }
}
