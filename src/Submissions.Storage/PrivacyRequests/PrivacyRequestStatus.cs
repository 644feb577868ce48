namespace Submissions.Storage.PrivacyRequests;

/// <summary>A privacy request's life: awaiting-confirmation → confirmed → completed; or expired, never confirmed.</summary>
public static class PrivacyRequestStatus
{
    public const string AwaitingConfirmation = "awaiting-confirmation";
    public const string Confirmed = "confirmed";
    public const string Completed = "completed";
    public const string Expired = "expired";
}
