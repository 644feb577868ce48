using Submissions.Storage.Partners;

namespace Submissions.Application.Partners;

/// <summary>
/// An admin's view of a partner with its health and how many signing secrets are configured for it (two during a
/// rotation, none means its deliveries cannot be signed). The secrets themselves are never shown.
/// </summary>
public sealed record PartnerDetailsView(
    string PartnerId, string Name, string WebhookUrl, IReadOnlyList<string> Fields, bool Active, DateTimeOffset UpdatedAt, int SigningSecrets, PartnerHealthView Health)
{
    public static PartnerDetailsView From(StoredPartner partner, int signingSecrets)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return new(partner.PartnerId, partner.Name, partner.WebhookUrl, partner.FieldList, partner.Active, partner.UpdatedAt, signingSecrets,
            PartnerHealthView.From(partner.Health));
    }
}
