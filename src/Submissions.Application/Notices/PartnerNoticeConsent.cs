namespace Submissions.Application.Notices;

/// <summary>One consent withdrawn: the label and version the partner's deliveries rested on.</summary>
public sealed record PartnerNoticeConsent(string LabelId, int Version);
