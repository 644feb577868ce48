namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// An open request in the admin list: ids and dates only. <see cref="DueBy"/> is a month after the request (GDPR Art.
/// 12(3)); <see cref="AgeDays"/> is whole days since it was made.
/// </summary>
public sealed record OpenPrivacyRequestView(
    string Id, string Kind, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, int AgeDays, DateTimeOffset DueBy, bool Overdue);
