using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Queues;

/// <summary>
/// Reads a queue trigger's message. One that is not a message of its queue is logged (by id: a message that is not ours
/// may carry anything) and null is returned, so the trigger drops it at once: retrying cannot mend it, and the poison
/// queue's own function would fail on it too.
/// </summary>
internal static partial class QueueMessageReader
{
    public static PartnerDeliveryMessage? ReadDelivery(QueueMessage message, ILogger logger) =>
        Read(message, PartnerDeliveryMessage.FromJson, logger, LogNotADelivery);

    public static PartnerNoticeMessage? ReadNotice(QueueMessage message, ILogger logger) =>
        Read(message, PartnerNoticeMessage.FromJson, logger, LogNotANotice);

    public static OutboundMailMessage? ReadMail(QueueMessage message, ILogger logger) =>
        Read(message, OutboundMailMessage.FromJson, logger, LogNotAMail);

    public static ExportJobMessage? ReadExportJob(QueueMessage message, ILogger logger) =>
        Read(message, ExportJobMessage.FromJson, logger, LogNotAnExportJob);

    private static T? Read<T>(QueueMessage message, Func<string, T?> fromJson, ILogger logger, Action<ILogger, string> logMalformed)
        where T : class
    {
        var parsed = fromJson(message.Body.ToString());
        if (parsed is null)
        {
            logMalformed(logger, message.MessageId);
        }

        return parsed;
    }

    [LoggerMessage(EventId = 2108, Level = LogLevel.Error, Message = "Queue message {MessageId} is not a delivery message; dropped without retry")]
    private static partial void LogNotADelivery(ILogger logger, string messageId);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Error, Message = "Queue message {MessageId} is not a mail message; dropped without retry")]
    private static partial void LogNotAMail(ILogger logger, string messageId);

    [LoggerMessage(EventId = 4220, Level = LogLevel.Error, Message = "Queue message {MessageId} is not an export job message; dropped without retry")]
    private static partial void LogNotAnExportJob(ILogger logger, string messageId);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Error, Message = "Queue message {MessageId} is not a notice message; dropped without retry")]
    private static partial void LogNotANotice(ILogger logger, string messageId);
}
