namespace Submissions.Domain.OptOut;

/// <summary>What an opt-out link stops.</summary>
public enum OptOutScopeKind
{
    /// <summary>Special offers by email (the <c>special-offers</c> purpose).</summary>
    SpecialOffers,

    /// <summary>Sharing the person's data with one partner.</summary>
    PartnerSharing,
}
