namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// The one answer to every valid privacy request, known address or not: no id (a fresh one would say nothing the
/// person needs, and the link in the mail is how they go on), the same words every time.
/// </summary>
public sealed record PrivacyRequestAccepted(string Status, string Detail)
{
    public static PrivacyRequestAccepted Instance { get; } = new(
        "accepted",
        "If we hold data about this address, or even if we do not, a mail with a link to confirm the request is on its way to it. The link works for 24 hours.");
}
