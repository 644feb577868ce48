using Microsoft.Extensions.DependencyInjection;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Reads the outbound-mail queue as its trigger would: the ids-only messages naming the mails owed.</summary>
public static class MailQueueDriver
{
    /// <summary>Receives (and deletes) every waiting mail message, parsed; an unparseable one fails the test.</summary>
    public static async Task<List<OutboundMailMessage>> TakeMailMessagesAsync(this TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var queue = app.Services.GetRequiredService<SubmissionsQueues>().OutboundMail;
        var taken = new List<OutboundMailMessage>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
            {
                return taken;
            }

            foreach (var message in messages)
            {
                var parsed = OutboundMailMessage.FromJson(message.Body.ToString());
                Assert.NotNull(parsed);
                taken.Add(parsed);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
