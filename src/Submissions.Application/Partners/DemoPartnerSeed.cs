using Microsoft.Extensions.Configuration;
using Submissions.Application.Hosting;
using Submissions.Storage.Partners;

namespace Submissions.Application.Partners;

/// <summary>
/// The demo partner 'demo-partner', receiving email and name at Partners__demo_partner__WebhookUrl — by default the
/// reference receiver on loopback.
/// </summary>
public sealed class DemoPartnerSeed(PartnerStore partners, IConfiguration configuration) : IDemoSeed
{
    public const string DefaultWebhookUrl = "http://127.0.0.1:5089/webhooks/demo-partner";

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await partners.ExistsAsync(DemoConsentLabels.DemoPartnerId, cancellationToken))
        {
            return 0;
        }

        var partner = new PartnerContent(
            "Demo Partner Ltd",
            configuration[PartnerSettings.WebhookUrl(DemoConsentLabels.DemoPartnerId)] ?? DefaultWebhookUrl,
            ["email", "name"],
            Active: true);
        await partners.UpsertAsync(DemoConsentLabels.DemoPartnerId, partner, now, cancellationToken);
        return 1;
    }
}
