namespace Submissions.Domain.Links;

/// <summary>What a verified link token names, and until when it is valid.</summary>
public sealed record LinkClaim(byte[] Id, DateTimeOffset ExpiresAt)
{
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>The id as the 32 lower-case hex characters of a UUID written "N" (confirmation and request ids).</summary>
    public string IdAsGuidText() => new Guid(Id).ToString("N");

    /// <summary>The id as lower-case hex (a subject key).</summary>
    public string IdAsHex() => Convert.ToHexStringLower(Id);

    // The id may be a subject key: printed, the claim shows none of it.
    public override string ToString() => nameof(LinkClaim);
}
