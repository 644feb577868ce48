namespace Submissions.Domain.Consent;

/// <summary>What a consent label asks permission for. Behaviour hangs on these values, so the set is closed.</summary>
public static class ConsentPurpose
{
    public const string Terms = "terms";
    public const string SpecialOffers = "special-offers";
    public const string PartnerSharing = "partner-sharing";
    public const string Demographics = "demographics";
    public const string PublicDisplay = "public-display";

    public static IReadOnlyList<string> All { get; } = [Terms, SpecialOffers, PartnerSharing, Demographics, PublicDisplay];

    public static bool IsKnown(string? purpose) => purpose is not null && All.Contains(purpose, StringComparer.Ordinal);
}
