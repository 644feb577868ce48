using Microsoft.Extensions.Options;
using Submissions.Storage.Retention;

namespace Submissions.Application.Retention;

/// <summary>Entries of promotions that ended more than the grace period ago (the promotion form's purge).</summary>
public sealed class PromotionEntryPurge(PromotionRetention promotions, IOptions<RetentionOptions> options) : IRetentionPurge
{
    public string Kind => PurgeKinds.PromotionEntries;

    public int Order => RetentionOrder.FormRecords;

    public DateTimeOffset CutoffFor(DateTimeOffset ranAt) => ranAt.AddDays(-options.Value.PromotionEntryGraceDays);

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => promotions.PurgeEndedBeforeAsync(cutoff, cancellationToken);
}
