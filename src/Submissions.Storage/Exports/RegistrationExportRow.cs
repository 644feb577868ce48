using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Exports;

/// <summary>
/// One row of the registrations export query, which reads a person's member row and their own consent ledger in one
/// pass: the union of the member columns and the few ledger columns the export needs (the rest are not selected).
/// </summary>
public sealed class RegistrationExportRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? MemberId { get; set; }
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Language { get; set; }
    public string? Country { get; set; }
    public string? AgeRange { get; set; }
    public string? Gender { get; set; }
    public DateTimeOffset? RegisteredAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public int? RegistrationCount { get; set; }

    public string? LabelId { get; set; }
    public bool? Granted { get; set; }
    public string? Form { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }

    internal RegistrationExportRecord ToRecord() => new(
        PartitionKey, RowKey == Subjects.SubjectRowKeys.Member, MemberId, Email, DisplayName, Language, Country, AgeRange, Gender, RegisteredAt, UpdatedAt, RegistrationCount,
        LabelId, Granted, Form, RecordedAt);

    internal static readonly string[] Columns =
    [
        nameof(PartitionKey), nameof(RowKey), nameof(MemberId), nameof(Email), nameof(DisplayName), nameof(Language),
        nameof(Country), nameof(AgeRange), nameof(Gender), nameof(RegisteredAt), nameof(UpdatedAt), nameof(RegistrationCount),
        nameof(LabelId), nameof(Granted), nameof(Form), nameof(RecordedAt),
    ];
}
