using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Deliveries;
using Submissions.Application.Notices;

namespace Submissions.Functions.Timers;

/// <summary>
/// Every five minutes: re-send the queue message of deliveries and notices owed for too long, healing any lost enqueue.
/// One timer for both outboxes: they share the sweep age and the schedule, and a second timer would only add a function.
/// </summary>
public sealed class OutboxSweepFunction(PartnerDeliveryProcessor processor, PartnerNoticeProcessor notices)
{
    public const string Schedule = "0 */5 * * * *";

    [Function("SweepDeliveryOutbox")]
    public async Task SweepAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        await processor.SweepOutboxAsync(cancellationToken);
        await notices.SweepAsync(cancellationToken);
    }
}
