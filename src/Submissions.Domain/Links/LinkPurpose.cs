namespace Submissions.Domain.Links;

/// <summary>What a signed link is for, and the length of the id it names. Each purpose signs with its own key.</summary>
public sealed record LinkPurpose(string Name, int IdLength)
{
    /// <summary>Confirm one submission: names the confirmation (a 16-byte UUID).</summary>
    public static LinkPurpose Confirmation { get; } = new("confirmation", 16);

    /// <summary>
    /// Confirm one submission by a confirmation id that names where it is stored (issue 18): up to 100 ASCII
    /// characters, zero-padded. Its own key, so a token of either confirmation purpose never verifies as the other.
    /// </summary>
    public static LinkPurpose ConfirmationAt { get; } = new("confirmation-at", 100);

    /// <summary>Open a person's preference centre: names their subject key (32 bytes).</summary>
    public static LinkPurpose Preferences { get; } = new("preferences", 32);

    /// <summary>Confirm a self-service privacy request: names the request (a 16-byte UUID).</summary>
    public static LinkPurpose PrivacyRequest { get; } = new("privacy-request", 16);

    /// <summary>Download the access bundle of a confirmed request: names the request (a 16-byte UUID).</summary>
    public static LinkPurpose AccessDownload { get; } = new("access-download", 16);
}
