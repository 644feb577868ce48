using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Audit;

/// <summary>
/// One admin read or change of personal data: who, what, when, how many. PartitionKey = month (yyyy-MM), RowKey =
/// inverted ticks + id, so a month reads newest first. It never copies the data it is about; a person is referred to
/// only by a keyed audit reference (see AuditReferenceHasher).
/// </summary>
public sealed class AuditEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The admin: the App Service Authentication principal id, or "function-key" when none was presented.</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>subject-access, subject-erasure, subject-withdrawal, moderation-list, export, …</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>What was asked for, without personal values: a status, a kind and date range.</summary>
    public string? Scope { get; set; }

    public string? SubjectReference { get; set; }

    /// <summary>How many records the action returned or changed.</summary>
    public int Count { get; set; }

    public DateTimeOffset At { get; set; }

    public static AuditEntity Create(string actor, string action, string? scope, string? subjectReference, int count, DateTimeOffset at) => new()
    {
        PartitionKey = at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        RowKey = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}~{Guid.NewGuid():N}"),
        Actor = actor,
        Action = action,
        Scope = scope,
        SubjectReference = subjectReference,
        Count = count,
        At = at,
    };
}
