using Submissions.Storage.Audit;

namespace Submissions.Application.Audit;

/// <summary>
/// One audit record: when, who (an admin's principal id, or <c>function-key</c>), what, with which scope, about whom (a
/// keyed reference, never a personal value) and how many records.
/// </summary>
public sealed record AuditRecordView(DateTimeOffset At, string Actor, string Action, string? Scope, string? SubjectReference, int Count)
{
    public static AuditRecordView From(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.At, record.Actor, record.Action, record.Scope, record.SubjectReference, record.Count);
    }
}
