using Microsoft.Extensions.Logging;
using Submissions.Domain.Privacy;
using Submissions.Storage.Deliveries;

namespace Submissions.Application.Subjects;

/// <summary>
/// A partner delivery posts for up to its overall timeout, and the person may withdraw or be erased meanwhile — after
/// the delivery's own check, before its disclosure is recorded, so the withdrawal or erasure could not see it. Once
/// the disclosure is recorded, the delivery looks again: erased since → the erasure runs again (it now finds the
/// disclosure, tells the partner and removes it); sharing withdrawn since → the notice naming this delivery is owed.
/// Either the withdrawal's or erasure's read saw the disclosure, or this look sees them: the two cannot both miss.
/// </summary>
public sealed partial class DisclosureFollowUp(DeliveryStore deliveries, ConsentWithdrawal withdrawal, SubjectErasure erasure, ILogger<DisclosureFollowUp> logger)
{
    public async Task FollowUpAsync(string promotionId, string deliveryId, string subjectKey, string partnerId, DateTimeOffset createdAt, IEnumerable<string> labelIds, CancellationToken cancellationToken)
    {
        var subject = new SubjectKey(subjectKey);
        var erased = deliveries.ErasedAtAsync(subjectKey, cancellationToken);
        var consents = labelIds.Select(labelId => deliveries.EffectiveConsentAsync(promotionId, labelId, subjectKey, cancellationToken)).ToList();
        await Task.WhenAll([erased, .. consents]);

        if (await erased is { } erasedAt && createdAt <= erasedAt)
        {
            LogErasedMeanwhile(logger, deliveryId, subject.ShortForm);
            await erasure.EraseAsync(subject, cancellationToken);
        }
        else if (consents.Any(consent => consent.Result is not { Granted: true }))
        {
            LogWithdrawnMeanwhile(logger, deliveryId, subject.ShortForm);
            await withdrawal.OweMissedNoticesAsync(subject, WithdrawalScope.SharingWith(partnerId), cancellationToken);
        }
    }

    /// <summary>
    /// A delivery refused because its person was erased after it was entered: the entry committed while the erasure ran
    /// (its index row was written first), so the erasure, run again, removes it. A no-op when nothing is left.
    /// </summary>
    public async Task EraseAgainAsync(string deliveryId, string subjectKey, CancellationToken cancellationToken)
    {
        var subject = new SubjectKey(subjectKey);
        LogErasedMeanwhile(logger, deliveryId, subject.ShortForm);
        await erasure.EraseAsync(subject, cancellationToken);
    }

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} met an erasure of subject {Subject} that did not see it; erasing again")]
    private static partial void LogErasedMeanwhile(ILogger logger, string deliveryId, string subject);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} landed while subject {Subject} withdrew sharing; owing the notice")]
    private static partial void LogWithdrawnMeanwhile(ILogger logger, string deliveryId, string subject);
}
