namespace Submissions.Storage.Deliveries;

/// <summary>
/// What the person's own partition says just before a lead leaves: when they were last erased (their tombstone), and
/// their records there of the sharing labels the lead rests on (where withdrawals go), newest first per label.
/// </summary>
public sealed record SubjectChecks(DateTimeOffset? ErasedAt, IReadOnlyList<StoredAnswer> Answers);
