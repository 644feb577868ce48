using Submissions.Application.Hosting;
using Submissions.Domain.Promotions;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Promotions;

/// <summary>The demo promotion 'demo-promotion': open for a year, sharing with the demo partner optional.</summary>
public sealed class DemoPromotionSeed(PromotionStore promotions) : IDemoSeed
{
    public const string PromotionId = "demo-promotion";

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await promotions.GetAsync(PromotionId, cancellationToken) is not null)
        {
            return 0;
        }

        var promotion = new PromotionContent(
            "Win a year of Demo Partner's newsletter",
            DemoConsentLabels.DemoPartnerId,
            [DemoConsentLabels.DemoPartnerSharingLabelId],
            RequiresSharing: false,
            [new PromotionField("answer", Required: true, MaxLength: 200)],
            now.AddDays(-1),
            now.AddYears(1));
        await promotions.UpsertAsync(PromotionId, promotion, now, cancellationToken);
        return 1;
    }
}
