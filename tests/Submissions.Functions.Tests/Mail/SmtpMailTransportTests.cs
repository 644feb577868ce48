using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Submissions.Application.Mail;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Testing;

namespace Submissions.Functions.Tests.Mail;

/// <summary>
/// The app's mail transport against a real SMTP listener on loopback: what arrives, and how each way a relay fails comes
/// back as a <see cref="MailTransportException"/> that says whether to retry and names no address.
/// </summary>
public sealed class SmtpMailTransportTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_mail_arrives_with_both_parts_its_message_id_sender_and_utf8_text()
    {
        await using var app = await StartAsync();
        var mail = NewMail(app, subject: "Bitte bestätigen – Zoë’s Anmeldung", text: "Grüße, Zoë: ✓ Sonderangebote", html: "<p>Grüße, <b>Zoë</b>: ✓</p>");

        await Transport(app).SendAsync(mail, TestContext.Current.CancellationToken);

        var received = await azurite.Mail.WaitForAsync(mail.To, Arrival, TestContext.Current.CancellationToken);
        var message = received.Message;
        Assert.Equal([mail.To], received.EnvelopeRecipients);
        Assert.Equal("no-reply@example.test", received.EnvelopeFrom);
        Assert.Equal("no-reply@example.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Example Site", message.From.Mailboxes.Single().Name);
        Assert.Equal(mail.To, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal(mail.Subject, message.Subject);
        Assert.Equal(mail.MessageId, message.MessageId);
        Assert.Equal(app.Time.GetUtcNow().ToUnixTimeSeconds(), message.Date.ToUnixTimeSeconds(), tolerance: 60);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        var parts = alternative.OfType<TextPart>().ToList();
        Assert.Equal(["text/plain", "text/html"], parts.Select(part => part.ContentType.MimeType));
        Assert.All(parts, part => Assert.Equal("utf-8", part.ContentType.Charset, ignoreCase: true));
        Assert.Equal(mail.TextBody, message.TextBody?.TrimEnd('\r', '\n'));
        Assert.Equal(mail.HtmlBody, message.HtmlBody?.TrimEnd('\r', '\n'));
        Assert.Single(azurite.Mail.MessagesTo(mail.To));
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Id == 3701);
    }

    [Theory]
    [InlineData(451, true)]
    [InlineData(554, false)]
    public async Task A_relay_refusing_the_message_is_relay_refused_transient_on_4xx_and_names_no_address(int replyCode, bool transient)
    {
        await using var app = await StartAsync();
        var mail = NewMail(app);
        azurite.Mail.FailDeliveriesTo(mail.To, replyCode);

        var error = await Assert.ThrowsAsync<MailTransportException>(() => Transport(app).SendAsync(mail, TestContext.Current.CancellationToken));

        Assert.Equal((MailTransportException.RelayRefused, transient, replyCode), (error.Reason, error.IsTransient, error.StatusCode));
        AssertNoAddress(app, error, mail);
        Assert.Empty(azurite.Mail.MessagesTo(mail.To));

        // The relay is back: the same mail goes through, once.
        azurite.Mail.RestoreDeliveriesTo(mail.To);
        await Transport(app).SendAsync(mail, TestContext.Current.CancellationToken);
        Assert.Equal(mail.MessageId, (await azurite.Mail.WaitForAsync(mail.To, Arrival, TestContext.Current.CancellationToken)).Message.MessageId);
        Assert.Single(azurite.Mail.MessagesTo(mail.To));
    }

    [Theory]
    [InlineData(450, true)]
    [InlineData(550, false)]
    public async Task A_refused_recipient_is_recipient_refused_and_names_no_address(int replyCode, bool transient)
    {
        await using var app = await StartAsync();
        var mail = NewMail(app);
        azurite.Mail.RefuseRecipient(mail.To, replyCode);

        var error = await Assert.ThrowsAsync<MailTransportException>(() => Transport(app).SendAsync(mail, TestContext.Current.CancellationToken));

        Assert.Equal((MailTransportException.RecipientRefused, transient, replyCode), (error.Reason, error.IsTransient, error.StatusCode));
        AssertNoAddress(app, error, mail);
    }

    [Fact]
    public async Task A_relay_outage_is_transient_and_the_mail_goes_once_the_relay_is_back()
    {
        await using var relay = await LoopbackSmtpServer.StartAsync();
        await using var app = await StartAsync(relay.Port);
        var mail = NewMail(app);

        relay.StartOutage(421);
        var refused = await Assert.ThrowsAsync<MailTransportException>(() => Transport(app).SendAsync(mail, TestContext.Current.CancellationToken));
        Assert.Equal((MailTransportException.RelayRefused, true, 421), (refused.Reason, refused.IsTransient, refused.StatusCode));

        relay.EndOutage();
        await relay.StopAsync();
        var unavailable = await Assert.ThrowsAsync<MailTransportException>(() => Transport(app).SendAsync(mail, TestContext.Current.CancellationToken));
        Assert.Equal((MailTransportException.RelayUnavailable, true), (unavailable.Reason, unavailable.IsTransient));

        await relay.RestartAsync();
        await Transport(app).SendAsync(mail, TestContext.Current.CancellationToken);

        Assert.Equal(mail.MessageId, (await relay.WaitForAsync(mail.To, Arrival, TestContext.Current.CancellationToken)).Message.MessageId);
        Assert.Single(relay.Messages);
        Assert.Equal(1, relay.RefusedTransactions);
        AssertNoAddress(app, refused, mail);
        AssertNoAddress(app, unavailable, mail);
    }

    [Fact]
    public async Task Nothing_listening_is_relay_unavailable_and_transient()
    {
        await using var app = await StartAsync(AzuriteFixture.FreePort());
        var mail = NewMail(app);

        var error = await Assert.ThrowsAsync<MailTransportException>(() => Transport(app).SendAsync(mail, TestContext.Current.CancellationToken));

        Assert.Equal((MailTransportException.RelayUnavailable, true, null), (error.Reason, error.IsTransient, error.StatusCode));
        Assert.Contains("SocketException ConnectionRefused", error.Message, StringComparison.Ordinal);
        AssertNoAddress(app, error, mail);
    }

    [Fact]
    public async Task A_relay_that_never_answers_is_relay_unavailable_after_the_timeout()
    {
        // Accepts the connection and says nothing: the greeting never comes.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var app = await StartAsync(((IPEndPoint)silent.LocalEndpoint).Port, new() { ["Mail:TimeoutSeconds"] = "1" });
        var mail = NewMail(app);

        var error = await Assert.ThrowsAsync<MailTransportException>(() => Transport(app).SendAsync(mail, TestContext.Current.CancellationToken));

        Assert.Equal((MailTransportException.RelayUnavailable, true), (error.Reason, error.IsTransient));
        AssertNoAddress(app, error, mail);
    }

    [Fact]
    public async Task Credentials_for_a_relay_that_offers_no_authentication_are_relay_auth_failed()
    {
        await using var app = await StartAsync(settings: new() { ["Mail:UserName"] = "relay-user", ["Mail:Password"] = "relay-password-7f3a" });
        var mail = NewMail(app);

        var error = await Assert.ThrowsAsync<MailTransportException>(() => Transport(app).SendAsync(mail, TestContext.Current.CancellationToken));

        Assert.Equal((MailTransportException.RelayAuthFailed, false), (error.Reason, error.IsTransient));
        Assert.Empty(azurite.Mail.MessagesTo(mail.To));
        Assert.DoesNotContain(app.Logs.GetSnapshot(), record => TestApp.LogText(record).Contains("relay-password-7f3a", StringComparison.Ordinal));
        AssertNoAddress(app, error, mail);
    }

    [Fact]
    public async Task StartTls_never_falls_back_to_plain_text_with_a_relay_that_does_not_offer_it()
    {
        await using var app = await StartAsync(settings: new() { ["Mail:Security"] = "StartTls" });
        var mail = NewMail(app);

        var error = await Assert.ThrowsAsync<MailTransportException>(() => Transport(app).SendAsync(mail, TestContext.Current.CancellationToken));

        Assert.Equal((MailTransportException.RelayRefused, false), (error.Reason, error.IsTransient));
        Assert.Empty(azurite.Mail.MessagesTo(mail.To));
        AssertNoAddress(app, error, mail);
    }

    [Fact]
    public async Task A_recipient_that_is_not_a_mailbox_is_refused_before_connecting()
    {
        await using var app = await StartAsync();
        var mail = NewMail(app) with { To = "person-7f3a" };

        var error = await Assert.ThrowsAsync<MailTransportException>(() => Transport(app).SendAsync(mail, TestContext.Current.CancellationToken));

        Assert.Equal((MailTransportException.RecipientRefused, false), (error.Reason, error.IsTransient));
        Assert.DoesNotContain("person-7f3a", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(azurite.Mail.MessagesTo("person-7f3a"));
    }

    [Fact]
    public async Task A_cancelled_send_stays_a_cancellation()
    {
        await using var app = await StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Transport(app).SendAsync(NewMail(app), cancelled.Token));
    }

    private Task<TestApp> StartAsync(int? port = null, Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        if (port is { } value)
        {
            settings["Mail:Port"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return TestApp.StartAsync(azurite.ConnectionString, settings, initializeStorage: false);
    }

    private static IMailTransport Transport(TestApp app) => app.Services.GetRequiredService<IMailTransport>();

    /// <summary>A mail to a unique address, recorded as personal so the app's disposal checks its logs for it too.</summary>
    private static OutgoingMail NewMail(TestApp app, string subject = "Please confirm", string text = "Confirm here.", string html = "<p>Confirm here.</p>")
    {
        var id = Guid.NewGuid().ToString("N");
        var mail = new OutgoingMail($"mail-{id[..12]}@example.test", subject, text, html, $"{id}@example.test");
        app.SubmittedPersonalValues.Add(mail.To);
        return mail;
    }

    /// <summary>Neither the exception nor any log record names the recipient, even where the relay's reply echoed it.</summary>
    private static void AssertNoAddress(TestApp app, MailTransportException error, OutgoingMail mail)
    {
        Assert.DoesNotContain(mail.To, error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(error.InnerException);
        Assert.Empty(app.PersonalDataLeaks());
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Id == 3702 && TestApp.LogText(record).Contains(error.Reason, StringComparison.Ordinal));
    }
}
