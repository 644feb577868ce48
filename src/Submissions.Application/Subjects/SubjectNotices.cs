using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Submissions.Storage;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Notices;
using Submissions.Storage.Queues;

namespace Submissions.Application.Subjects;

/// <summary>
/// Owes consent.withdrawn and subject.erased notices to exactly the partners the disclosure ledger shows received the
/// person's data — nobody else. Notice ids are derived from what caused them and what the partner received, so
/// repeating a withdrawal or re-running an erasure finds the notice already owed instead of owing it twice.
/// </summary>
public sealed partial class SubjectNotices(NoticeStore notices, SubmissionsQueues queues, TimeProvider time, ILogger<SubjectNotices> logger)
{
    /// <summary>
    /// For each partner in <paramref name="partnerIds"/> that received something in <paramref name="disclosures"/>: a
    /// notice naming the deliveries it received. <paramref name="cause"/> makes the id (a withdrawal receipt, an erasure).
    /// <paramref name="type"/> is a <see cref="NoticeType"/>.
    /// </summary>
    public async Task<IReadOnlyList<NoticeView>> OweAsync(
        string type,
        string cause,
        DateTimeOffset occurredAt,
        IEnumerable<string> partnerIds,
        IReadOnlyCollection<IDisclosedDelivery> disclosures,
        string labels,
        CancellationToken cancellationToken)
    {
        var owed = new List<NoticeView>();
        var received = disclosures.GroupBy(disclosure => disclosure.PartnerId, StringComparer.Ordinal).ToDictionary(group => group.Key, StringComparer.Ordinal);
        foreach (var partnerId in partnerIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!received.TryGetValue(partnerId, out var deliveries))
            {
                continue;
            }

            var deliveryIds = string.Join(',', deliveries.Select(disclosure => disclosure.DeliveryId).Order(StringComparer.Ordinal));
            var notice = new NoticeToOwe(
                partnerId, NoticeId(type, cause, partnerId, deliveryIds), type, [.. deliveries], labels, time.GetUtcNow(), occurredAt);
            if (await notices.TryOweAsync(notice, cancellationToken))
            {
                await EnqueueAsync(partnerId, notice.NoticeId);
                LogOwed(logger, notice.NoticeId, type, partnerId);
            }

            owed.Add(new NoticeView(partnerId, notice.NoticeId, type));
        }

        return owed;
    }

    /// <summary>
    /// Same cause, partner and deliveries: the same notice. A delivery that lands after the notice was owed (it was in
    /// flight when the person withdrew) makes a new one, naming everything the partner holds.
    /// </summary>
    private static string NoticeId(string type, string cause, string partnerId, string deliveryIds) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{type}\n{cause}\n{partnerId}\n{deliveryIds}")))[..32];

    /// <summary>The notice is owed durably; a failed send only delays it until the sweep re-sends owed notices.</summary>
    private async Task EnqueueAsync(string partnerId, string noticeId)
    {
        try
        {
            await queues.SendNoticeAsync(partnerId, noticeId, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, CancellationToken.None))
        {
            var (status, _) = StorageFailure.Describe(ex);
            LogEnqueueFailed(logger, noticeId, status);
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Notice {NoticeId} ({Type}) owed to partner {PartnerId}")]
    private static partial void LogOwed(ILogger logger, string noticeId, string type, string partnerId);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Notice {NoticeId} is owed but its queue message failed (status {Status}); the sweep will send it")]
    private static partial void LogEnqueueFailed(ILogger logger, string noticeId, int status);
}
