using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Mail;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.PrivacyRequests;

/// <summary>Self-service erasure and access through real mail: each link is read from the mail that arrived on loopback SMTP.</summary>
public sealed partial class PrivacyRequestSmtpTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Erasure_through_the_mails_ends_with_the_done_mail_and_no_address_left_in_the_request()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var smtp = AzuriteFixture.SharedMail!;
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email))).Status);
        await app.RequestAsync(email, "erasure");
        var id = (await app.RequestRowOfAsync(email)).PartitionKey;
        var dispatcher = app.Services.GetRequiredService<OutboundMailDispatcher>();

        await dispatcher.ProcessAsync(new OutboundMailMessage("privacy-request", id), 1, CancellationToken.None);
        var linkMail = await smtp.WaitForAsync(email, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var link = new Uri(Link().Match(linkMail.Message.TextBody ?? string.Empty).Value);
        Assert.Equal("/api/privacy-requests/confirm", link.AbsolutePath);
        Assert.Equal("erased", (await app.ConfirmRequestAsync(link.Query)).Json.GetProperty("status").GetString());

        await dispatcher.ProcessAsync(new OutboundMailMessage("privacy-request", id), 1, CancellationToken.None);
        await smtp.WaitForAsync(mail => mail.IsFor(email) && mail.Message.Subject == "Your data was erased", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var row = await app.RequestRowOfAsync(email);
        Assert.Null(row.GetString("Email"));
        Assert.Equal("delivered", row.GetString("MailStatus"));
        Assert.DoesNotContain(await app.AllRowsAsync(), entry => entry.Row.Mentions(email));
        Assert.Equal(2, smtp.MessagesTo(email).Count);
    }

    [Fact]
    public async Task Access_through_the_mails_ends_with_a_download_link_and_no_address_left_in_the_request()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var smtp = AzuriteFixture.SharedMail!;
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email, "Ada Access"))).Status);
        await app.RequestAsync(email, "access");
        var id = (await app.RequestRowOfAsync(email)).PartitionKey;
        var dispatcher = app.Services.GetRequiredService<OutboundMailDispatcher>();

        await dispatcher.ProcessAsync(new OutboundMailMessage("privacy-request", id), 1, CancellationToken.None);
        var confirm = new Uri(Link().Match((await smtp.WaitForAsync(email, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Message.TextBody ?? string.Empty).Value);
        Assert.Equal(200, (await app.ConfirmRequestAsync(confirm.Query)).Status);
        await dispatcher.ProcessAsync(new OutboundMailMessage("privacy-request", id), 1, CancellationToken.None);
        var ready = await smtp.WaitForAsync(mail => mail.IsFor(email) && mail.Message.Subject == "Your data is ready", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var download = new Uri(Link().Match(ready.Message.TextBody ?? string.Empty).Value);

        Assert.Equal("/api/privacy-requests/download", download.AbsolutePath);
        Assert.Equal("Ada Access", (await app.DownloadAsync(download.Query)).Json.GetProperty("registration").GetProperty("displayName").GetString());
        var row = await app.RequestRowOfAsync(email);
        Assert.Equal("completed", row.GetString("Status"));
        Assert.Null(row.GetString("Email"));
    }

    [GeneratedRegex(@"https://\S+/api/privacy-requests/\S+")]
    private static partial Regex Link();
}
