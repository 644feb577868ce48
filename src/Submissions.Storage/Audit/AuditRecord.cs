namespace Submissions.Storage.Audit;

/// <summary>
/// One admin read or change of personal data to append to the audit log: who (a principal id, or "function-key"), what,
/// with which scope (never a personal value), about whom (only a keyed audit reference), how many records, when.
/// </summary>
public sealed record AuditRecord(string Actor, string Action, string? Scope, string? SubjectReference, int Count, DateTimeOffset At);
