using Submissions.Storage.Partners;

namespace Submissions.Application.Partners;

/// <summary>An admin's view of a saved partner; its signing secret is configuration, never shown.</summary>
public sealed record PartnerView(string PartnerId, string Name, string WebhookUrl, IReadOnlyList<string> Fields, bool Active, DateTimeOffset UpdatedAt)
{
    public static PartnerView From(string partnerId, PartnerContent partner, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return new(partnerId, partner.Name, partner.WebhookUrl, partner.Fields, partner.Active, updatedAt);
    }
}
