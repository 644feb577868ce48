using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Subjects;

/// <summary>A registered member. Demographic columns are written only when their consent was granted.</summary>
public sealed class MemberEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = SubjectRowKeys.Member;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string MemberId { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;
    public string DisplayName { get; set; } = string.Empty;
    public string? Language { get; set; }
    public string? Country { get; set; }
    public string? AgeRange { get; set; }
    public string? Gender { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int RegistrationCount { get; set; }

    /// <summary>When the owner of the email last confirmed a registration (every change to the member is confirmed).</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
}
