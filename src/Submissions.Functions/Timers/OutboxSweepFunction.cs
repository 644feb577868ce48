using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Deliveries;

namespace Submissions.Functions.Timers;

/// <summary>Every five minutes: re-send the queue message of deliveries owed for too long, healing any lost enqueue.</summary>
public sealed class OutboxSweepFunction(PartnerDeliveryProcessor processor)
{
    public const string Schedule = "0 */5 * * * *";

    [Function("SweepDeliveryOutbox")]
    public Task SweepAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        processor.SweepOutboxAsync(cancellationToken);
}
