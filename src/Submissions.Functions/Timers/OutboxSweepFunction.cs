using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Deliveries;
using Submissions.Application.Mail;
using Submissions.Application.Notices;

namespace Submissions.Functions.Timers;

/// <summary>
/// Every five minutes: re-send the queue message of deliveries, notices and mails owed for too long, healing any lost
/// enqueue. One timer for every outbox: they share the sweep age and the schedule, and a second timer would only add a function.
/// </summary>
public sealed class OutboxSweepFunction(PartnerDeliveryProcessor processor, PartnerNoticeProcessor notices, OutboundMailDispatcher mail)
{
    public const string Schedule = "0 */5 * * * *";

    [Function("SweepDeliveryOutbox")]
    public async Task SweepAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        await processor.SweepOutboxAsync(cancellationToken);
        await notices.SweepAsync(cancellationToken);
        await mail.SweepAsync(cancellationToken);
    }
}
