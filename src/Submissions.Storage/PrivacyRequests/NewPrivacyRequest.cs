namespace Submissions.Storage.PrivacyRequests;

/// <summary>A privacy request to store: its id (UUIDv7 "N"), kind, subject key, address, and when it was made and expires.</summary>
public sealed record NewPrivacyRequest(string RequestId, string Kind, string SubjectKey, string Email, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    // It holds an address: printed, it shows none of it.
    public override string ToString() => nameof(NewPrivacyRequest);
}
