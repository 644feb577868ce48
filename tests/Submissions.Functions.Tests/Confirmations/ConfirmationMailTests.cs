using System.Text.RegularExpressions;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Deliveries;
using Submissions.Functions.Http;
using Submissions.Functions.Queues;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Queues;
using Submissions.Testing;

namespace Submissions.Functions.Tests.Confirmations;

/// <summary>
/// Issue 17: the confirmation mail, sent over SMTP to a real listener on loopback and read back from it — its content,
/// its links, and what a relay outage does (no mail lost, none sent twice).
/// </summary>
public sealed partial class ConfirmationMailTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_mail_shows_the_submission_the_exact_texts_granted_the_receipt_and_links_and_its_link_confirms_into_one_lead()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        var entry = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true, name: "Grace Hopper", fields: new { answer = "Green" }), confirm: false);
        Assert.Equal(0, await app.DeliverAllAsync());

        Assert.Equal(1, await SendMailsAsync(app));

        var mail = Assert.Single(azurite.Mail.MessagesTo(email)).Message;
        var text = mail.TextBody;
        var html = mail.HtmlBody;
        Assert.NotNull(text);
        Assert.NotNull(html);
        foreach (var part in new[] { text, html })
        {
            Assert.Contains("Grace Hopper", part, StringComparison.Ordinal);
            Assert.Contains("answer: Green", part, StringComparison.Ordinal);
            Assert.Contains(entry.Json.GetProperty("receipt").GetProperty("id").GetString()!, part, StringComparison.Ordinal);
            Assert.Contains("/api/preferences?token=", part, StringComparison.Ordinal);
        }

        // The exact wording of each label granted (HTML-encoded in the HTML part), and nothing that loads or tracks.
        Assert.Contains("Share my email address and name with Demo Partner Ltd so they can send me this offer. I can still enter if I say no.", text, StringComparison.Ordinal);
        Assert.Contains("I accept the promotion rules. My email is used to tell me if I win.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(email, Assert.Single(mail.To.Mailboxes).Address);

        // The person follows the link from the mail: the page first, then its button.
        var link = new Uri(ConfirmLink().Match(text).Value);
        Assert.Equal("https://submissions.example.test/api/confirm", link.GetLeftPart(UriPartial.Path));
        var page = HttpExchange.Request("GET", link.AbsolutePath, contentType: null, query: link.Query);
        Assert.Equal(200, (await app.Function<ConfirmationFunctions>().ShowAsync(page, CancellationToken.None).ExecuteAsync(page)).Status);
        Assert.Equal(0, await app.DeliverAllAsync());
        var press = HttpExchange.Request("POST", link.AbsolutePath, contentType: null, query: link.Query);
        var confirmed = await app.Function<ConfirmationFunctions>().ConfirmAsync(press, CancellationToken.None).ExecuteAsync(press);
        Assert.Equal(200, confirmed.Status);

        Assert.Equal(1, await app.DeliverAllAsync());
        Assert.Single(receiver.Received);
        Assert.Single(azurite.Mail.MessagesTo(email));
    }

    [Fact]
    public async Task A_relay_outage_loses_no_mail_and_a_second_copy_of_the_message_sends_no_second_mail()
    {
        await using var relay = await LoopbackSmtpServer.StartAsync();
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, RelaySettings(relay));
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email), confirm: false)).Status);
        var message = Assert.Single(await TakeMailMessagesAsync(app));

        relay.StartOutage();
        await Assert.ThrowsAsync<TransientDeliveryException>(() => SendAsync(app, message));
        var pending = Assert.Single(await app.RowsOfAsync(email), row => row.RowKey.StartsWith("pending~", StringComparison.Ordinal));
        Assert.Equal("owed", pending.GetString("Status"));
        Assert.StartsWith("relay-", pending.GetString("LastError"), StringComparison.Ordinal);
        Assert.Empty(relay.Messages);

        await relay.StopAsync();
        await Assert.ThrowsAsync<TransientDeliveryException>(() => SendAsync(app, message));

        await relay.RestartAsync();
        relay.EndOutage();
        await SendAsync(app, message);
        await SendAsync(app, message);

        Assert.Single(relay.MessagesTo(email));
        Assert.Equal("delivered", Assert.Single(await app.RowsOfAsync(email), row => row.RowKey.StartsWith("pending~", StringComparison.Ordinal)).GetString("Status"));
    }

    [Fact]
    public async Task Retries_exhausted_become_a_dead_letter_that_an_admin_retries_into_exactly_one_mail()
    {
        await using var relay = await LoopbackSmtpServer.StartAsync();
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, RelaySettings(relay));
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: false), confirm: false)).Status);
        var message = Assert.Single(await TakeMailMessagesAsync(app));
        relay.StartOutage();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await Assert.ThrowsAsync<TransientDeliveryException>(() => SendAsync(app, message));
        }

        // The host moves the message to the poison queue after maxDequeueCount tries.
        await app.Function<OutboundMailFunctions>().RecordDeadLetterAsync(message, CancellationToken.None);
        var failed = await app.ListFailedDeliveriesAsync();
        var deadLetter = Assert.Single(failed.Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("mail:confirmation", deadLetter.GetProperty("kind").GetString());
        Assert.DoesNotContain(email, failed.Body, StringComparison.OrdinalIgnoreCase);

        relay.EndOutage();
        Assert.Equal(202, (await app.RetryDeliveryAsync(deadLetter.GetProperty("deliveryId").GetString()!)).Status);
        Assert.Equal(1, await SendMailsAsync(app));
        Assert.Single(relay.MessagesTo(email));
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
    }

    [Fact]
    public async Task A_person_erased_before_the_mail_went_out_gets_no_mail()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email), confirm: false)).Status);
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), confirm: false)).Status);

        Assert.Equal(200, (await app.EraseAsync(email)).Status);
        Assert.Equal(2, await SendMailsAsync(app));

        Assert.Empty(azurite.Mail.MessagesTo(email));
        // The erasure's tombstone is the one row left under the subject key; the email is nowhere.
        Assert.DoesNotContain(await app.AllRowsAsync(), row => row.Row.Mentions(email) || (row.Row.Mentions(app.SubjectOf(email).Value) && row.Row.RowKey != "tombstone"));
    }

    private static Dictionary<string, string?> RelaySettings(LoopbackSmtpServer relay) => new()
    {
        ["Mail:Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<List<QueueMessage>> TakeMailMessagesAsync(TestApp app)
    {
        var queue = app.Services.GetRequiredService<SubmissionsQueues>().OutboundMail;
        var messages = (await queue.ReceiveMessagesAsync(32, cancellationToken: TestContext.Current.CancellationToken)).Value.ToList();
        foreach (var message in messages)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, TestContext.Current.CancellationToken);
        }

        return messages;
    }

    private static Task SendAsync(TestApp app, QueueMessage message) =>
        app.Function<OutboundMailFunctions>().SendAsync(message, CancellationToken.None);

    private static async Task<int> SendMailsAsync(TestApp app)
    {
        var messages = await TakeMailMessagesAsync(app);
        foreach (var message in messages)
        {
            await SendAsync(app, message);
        }

        return messages.Count;
    }

    [GeneratedRegex(@"https://\S+/api/confirm\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex ConfirmLink();
}
