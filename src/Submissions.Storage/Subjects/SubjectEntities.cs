using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Subjects;

/// <summary>A registered member. Demographic columns are written only when their consent was granted.</summary>
internal sealed class MemberEntity : ITableEntity
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
}

/// <summary>One consent answer in the append-only ledger. Never updated; a withdrawal is a newer row.</summary>
internal sealed class ConsentRecordEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string LabelId { get; set; } = string.Empty;
    public int Version { get; set; }
    public string Purpose { get; set; } = string.Empty;
    public string? PartnerId { get; set; }
    public string TextSha256 { get; set; } = string.Empty;
    public bool Granted { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string Form { get; set; } = string.Empty;
    public string SubmissionId { get; set; } = string.Empty;
    public string ReceiptId { get; set; } = string.Empty;
}

/// <summary>The receipt handed to the person: which answers one submission recorded. A point read by receipt id.</summary>
internal sealed class ReceiptEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ReceiptId { get; set; } = string.Empty;
    public string Form { get; set; } = string.Empty;
    public string SubmissionId { get; set; } = string.Empty;
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>"labelId:version:granted" entries, ';'-joined: ids only, no personal data.</summary>
    public string Answers { get; set; } = string.Empty;
}

/// <summary>The first response to a request carrying an Idempotency-Key, stored with the data it produced.</summary>
internal sealed class IdempotencyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string RequestSha256 { get; set; } = string.Empty;
    public int StatusCode { get; set; }
    public string ResponseJson { get; set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; set; }
}
