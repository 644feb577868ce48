namespace Submissions.Domain.Links;

/// <summary>What a verified link token names, and until when it is valid.</summary>
public sealed record LinkClaim(byte[] Id, DateTimeOffset ExpiresAt)
{
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>The id as the 32 lower-case hex characters of a UUID written "N" (confirmation and request ids).</summary>
    public string IdAsGuidText() => new Guid(Id).ToString("N");

    /// <summary>The id as ASCII text without its zero padding (a confirmation id that names its location); null when it is not ASCII.</summary>
    public string? IdAsPaddedText()
    {
        var length = Array.IndexOf(Id, (byte)0) is var end and >= 0 ? end : Id.Length;
        return Id.AsSpan(0, length).ContainsAnyInRange((byte)0x80, (byte)0xFF) || Id.AsSpan(length).ContainsAnyExcept((byte)0)
            ? null
            : System.Text.Encoding.ASCII.GetString(Id, 0, length);
    }

    /// <summary>The id as lower-case hex (a subject key).</summary>
    public string IdAsHex() => Convert.ToHexStringLower(Id);

    // The id may be a subject key: printed, the claim shows none of it.
    public override string ToString() => nameof(LinkClaim);
}
