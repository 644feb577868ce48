namespace Submissions.Application.Subjects;

/// <summary>
/// The erasure report: when, what was removed, which partners are owed a subject.erased notice, and whether it is
/// complete (false while a submission of the person may still be in flight: repeat the erasure). Kept in the tombstone;
/// a resumed erasure, or one of someone who came back after an earlier one, adds to it, so what was removed and who
/// was told is never lost.
/// </summary>
public sealed record ErasureReport(DateTimeOffset ErasedAt, ErasureCounts Removed, IReadOnlyList<NoticeView> Notices, bool Complete);
