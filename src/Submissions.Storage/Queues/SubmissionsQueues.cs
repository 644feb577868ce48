using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Submissions.Storage.Queues;

/// <summary>
/// Every queue the app uses. The names are the ones the queue triggers bind to; tests prefix them like tables. The
/// service client is registered with Base64 message encoding, which is what the Functions queue trigger decodes.
/// </summary>
public sealed class SubmissionsQueues(QueueServiceClient service, IOptions<StorageOptions> options)
{
    public const string PartnerDeliveriesName = "partner-deliveries";
    public const string PartnerNoticesName = "partner-notices";
    public const string OutboundMailName = "outbound-mail";
    public const string ExportJobsName = "export-jobs";

    // Clients are built once (thread-safe); the prefix is the tests' table prefix, lower-cased as queue names must be.
    private static string Prefix(StorageOptions storage) => storage.TablePrefix.ToLowerInvariant() is { Length: > 0 } p ? p + "-" : string.Empty;

    /// <summary>Owed partner deliveries, by id only: {"promotionId","deliveryId"}, the first naming the owed row's partition.</summary>
    public QueueClient PartnerDeliveries { get; } = service.GetQueueClient(Prefix(options.Value) + PartnerDeliveriesName);

    /// <summary>Where the host moves a delivery message that failed maxDequeueCount times.</summary>
    public QueueClient PartnerDeliveriesPoison { get; } = service.GetQueueClient(Prefix(options.Value) + PartnerDeliveriesName + "-poison");

    /// <summary>Withdrawal and erasure notices owed to partners, by id only: {"partnerId","noticeId"}.</summary>
    public QueueClient PartnerNotices { get; } = service.GetQueueClient(Prefix(options.Value) + PartnerNoticesName);

    public QueueClient PartnerNoticesPoison { get; } = service.GetQueueClient(Prefix(options.Value) + PartnerNoticesName + "-poison");

    /// <summary>Mails owed (confirmations, privacy requests), by kind and row id only: {"kind","id"}.</summary>
    public QueueClient OutboundMail { get; } = service.GetQueueClient(Prefix(options.Value) + OutboundMailName);

    public QueueClient OutboundMailPoison { get; } = service.GetQueueClient(Prefix(options.Value) + OutboundMailName + "-poison");

    /// <summary>Export jobs to run, by job id only: {"jobId"}.</summary>
    public QueueClient ExportJobs { get; } = service.GetQueueClient(Prefix(options.Value) + ExportJobsName);

    public QueueClient ExportJobsPoison { get; } = service.GetQueueClient(Prefix(options.Value) + ExportJobsName + "-poison");

    public IEnumerable<QueueClient> All => [PartnerDeliveries, PartnerDeliveriesPoison, PartnerNotices, PartnerNoticesPoison, OutboundMail, OutboundMailPoison, ExportJobs, ExportJobsPoison];

    /// <summary>
    /// Sends the ids of an owed delivery (Base64, as the trigger expects): the one place such a message is made.
    /// <paramref name="delay"/>: how long the message stays invisible — a scheduled retry (kept under its 7-day life by the caller).
    /// </summary>
    public async Task SendDeliveryAsync(string partition, string deliveryId, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        await PartnerDeliveries.SendMessageAsync(new PartnerDeliveryMessage(partition, deliveryId).ToJson(), Visibility(delay), timeToLive: null, cancellationToken);

    /// <summary>Sends the ids of an owed notice (Base64, as the trigger expects), delayed as <see cref="SendDeliveryAsync"/>: the one place such a message is made.</summary>
    public async Task SendNoticeAsync(string partnerId, string noticeId, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        await PartnerNotices.SendMessageAsync(new PartnerNoticeMessage(partnerId, noticeId).ToJson(), Visibility(delay), timeToLive: null, cancellationToken);

    // A zero delay is no delay; a message's time to live (7 days) must outlast its invisibility, which the options cap.
    private static TimeSpan? Visibility(TimeSpan? delay) => delay > TimeSpan.Zero ? delay : null;

    /// <summary>Sends the kind and row id of an owed mail (Base64, as the trigger expects): the one place such a message is made.</summary>
    public async Task SendMailAsync(string kind, string id, CancellationToken cancellationToken) =>
        await OutboundMail.SendMessageAsync(new OutboundMailMessage(kind, id).ToJson(), cancellationToken);

    /// <summary>Sends the id of an export job to run (Base64, as the trigger expects): the one place such a message is made.</summary>
    public async Task SendExportJobAsync(string jobId, CancellationToken cancellationToken) =>
        await ExportJobs.SendMessageAsync(new ExportJobMessage(jobId).ToJson(), cancellationToken);

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in All)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
