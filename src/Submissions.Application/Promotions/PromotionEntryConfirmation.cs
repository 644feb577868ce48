using System.Text.Json;
using Microsoft.Extensions.Logging;
using Submissions.Application.Confirmations;
using Submissions.Application.Http;
using Submissions.Domain.Forms;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;

namespace Submissions.Application.Promotions;

/// <summary>
/// An entry takes effect when confirmed: it becomes the person's one entry, and the delivery to the partner it owes
/// (sharing granted) is written with it; that delivery's queue message follows the commit.
/// </summary>
public sealed partial class PromotionEntryConfirmation(PromotionStore store, PromotionDefinitions definitions, SubmissionsQueues queues, ILogger<PromotionEntryConfirmation> logger) : IConfirmingForm
{
    public string Kind => FormKind.Promotion;

    public async Task<ConfirmationOutcome> ConfirmAsync(PendingSubmission pending, string method, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var outcome = await store.ConfirmEntryAsync(pending, method, now, cancellationToken);
        if (outcome is ConfirmationOutcome.Applied { DeliveryId: { } deliveryId })
        {
            // The entry and its owed delivery are durable; a failed send only delays it until the outbox sweep.
            await FormStorageGuard.TryAsync(
                () => queues.SendDeliveryAsync(pending.Partition, deliveryId, CancellationToken.None),
                status => LogEnqueueFailed(logger, deliveryId, status));
        }

        return outcome;
    }

    public async Task<SubmissionSummary> DescribeAsync(PendingSubmission pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        // The pending row is in the entrant's bucket (or, before issue 18, the promotion's own partition).
        var promotionId = PromotionPartitions.PromotionIdOf(pending.Partition);
        var promotion = await definitions.GetAsync(promotionId, cancellationToken);
        var lines = new List<string> { $"Name: {pending.Name}" };
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string?>>(pending.DataJson) ?? [])
        {
            if (!string.IsNullOrEmpty(value))
            {
                lines.Add($"{name}: {value}");
            }
        }

        return new SubmissionSummary($"your entry to the promotion \"{promotion?.Title ?? promotionId}\"", lines);
    }

    [LoggerMessage(EventId = 3531, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} is owed but its queue message failed (status {Status}); the outbox sweep will send it")]
    private static partial void LogEnqueueFailed(ILogger logger, string deliveryId, int status);
}
