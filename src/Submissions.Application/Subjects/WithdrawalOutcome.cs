namespace Submissions.Application.Subjects;

/// <summary>What a withdrawal did: the consents it withdrew (none when nothing in scope was still granted), its receipt, the notices owed.</summary>
public sealed record WithdrawalOutcome(string Scope, IReadOnlyList<WithdrawnConsent> Withdrawn, string? ReceiptId, IReadOnlyList<NoticeView> Notices);
