namespace Submissions.Application.Audit;

/// <summary>A page of audit records, newest first, within [from, to), and the token of the next page (null on the last).</summary>
public sealed record AuditPage(DateOnly From, DateOnly To, IReadOnlyList<AuditRecordView> Records, string? ContinuationToken);
