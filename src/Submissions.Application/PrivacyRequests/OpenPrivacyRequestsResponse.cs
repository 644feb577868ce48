namespace Submissions.Application.PrivacyRequests;

/// <summary>GET manage/privacy-requests?status=open: the open requests, oldest first.</summary>
public sealed record OpenPrivacyRequestsResponse(string Status, IReadOnlyList<OpenPrivacyRequestView> Requests);
