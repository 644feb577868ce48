namespace Submissions.Application.Deliveries;

/// <summary>The answer to a partner's resume: whether it was paused, and how many leads and notices were sent on.</summary>
public sealed record PartnerResumed(string PartnerId, bool WasPaused, int LeadsSent, int NoticesSent);
