using Microsoft.Extensions.Configuration;
using Submissions.Application.Partners;
using Submissions.Domain.Polls;
using Submissions.Domain.Promotions;
using Submissions.Storage.ConsentLabels;
using Submissions.Storage.Partners;
using Submissions.Storage.Polls;
using Submissions.Storage.Promotions;

namespace Submissions.Application.Hosting;

/// <summary>
/// The demo a local run starts with: consent labels for every form, the poll 'demo-poll', the partner 'demo-partner'
/// (receiving email and name at Partners__demo_partner__WebhookUrl, by default the reference receiver on loopback) and
/// the promotion 'demo-promotion'. Each is added only when absent, so re-running changes nothing an admin edited.
/// </summary>
public sealed class DemoData(ConsentLabelStore labels, PollStore polls, PartnerStore partners, PromotionStore promotions, IConfiguration configuration)
{
    public const string PollId = "demo-poll";
    public const string PromotionId = "demo-promotion";
    public const string DefaultWebhookUrl = "http://127.0.0.1:5089/webhooks/demo-partner";

    /// <returns>How many items were added.</returns>
    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var label in DemoConsentLabels.Create(now))
        {
            added += await labels.TryAddFirstVersionAsync(label, cancellationToken) ? 1 : 0;
        }

        if (await polls.GetPollAsync(PollId, cancellationToken) is null)
        {
            var poll = new PollEntity
            {
                PartitionKey = PollId,
                Question = "Which topic should we cover next?",
                Options = [new("privacy", "Privacy by design"), new("serverless", "Serverless patterns"), new("testing", "Testing against emulators")],
                Status = PollStatus.Open,
                CreatedAt = now,
                UpdatedAt = now,
            };
            added += await polls.TrySavePollAsync(poll, isNew: true, cancellationToken) ? 1 : 0;
        }

        if (await partners.GetAsync(DemoConsentLabels.DemoPartnerId, cancellationToken) is null)
        {
            await partners.UpsertAsync(
                new PartnerEntity
                {
                    PartitionKey = DemoConsentLabels.DemoPartnerId,
                    Name = "Demo Partner Ltd",
                    WebhookUrl = configuration[PartnerSettings.WebhookUrl(DemoConsentLabels.DemoPartnerId)] ?? DefaultWebhookUrl,
                    Fields = "email,name",
                    Active = true,
                    UpdatedAt = now,
                },
                cancellationToken);
            added++;
        }

        if (await promotions.GetAsync(PromotionId, cancellationToken) is null)
        {
            await promotions.UpsertAsync(
                new PromotionEntity
                {
                    PartitionKey = PromotionId,
                    Title = "Win a year of Demo Partner's newsletter",
                    PartnerId = DemoConsentLabels.DemoPartnerId,
                    SharingLabels = DemoConsentLabels.DemoPartnerSharingLabelId,
                    RequiresSharing = false,
                    Fields = [new PromotionField("answer", Required: true, MaxLength: 200)],
                    StartsAt = now.AddDays(-1),
                    EndsAt = now.AddYears(1),
                    UpdatedAt = now,
                },
                cancellationToken);
            added++;
        }

        return added;
    }
}
