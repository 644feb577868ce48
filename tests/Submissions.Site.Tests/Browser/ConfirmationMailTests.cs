using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Submissions.LocalHost.Http;

namespace Submissions.Site.Tests.Browser;

/// <summary>
/// Double opt-in, end to end, as a person lives it: an entry in the demo promotion granting partner sharing, made by
/// clicking in the site; the confirmation mail as a real SMTP relay on loopback received it; its link opened in the
/// browser and its button pressed; and only then the lead arriving, verified, at the partner's reference receiver.
/// An entry whose mail nobody confirms never reaches the partner.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ConfirmationMailTests(BrowserWorld world)
{
    /// <summary>
    /// How long "nothing arrived" is watched for once the queue triggers have provably run (the mail went out through
    /// one): the local host polls an empty queue at least every 2 s (host.json maxPollingInterval).
    /// </summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan ArrivesWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_entry_sharing_with_the_partner_reaches_it_only_after_its_owner_confirms_the_link_mailed_to_them()
    {
        var email = $"confirming.{Guid.NewGuid():N}@example.test";
        var (page, receiptId) = await EnterSharingWithThePartnerAsync(email, "confirmation-entry");

        // The mail went out through the queue trigger to the relay: what was entered, its receipt and the link.
        var (link, mail) = await world.ConfirmLinkFromMailAsync(email);
        Assert.Contains(receiptId, mail.Message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.Message.HtmlBody ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"http://127.0.0.1:{new Uri(world.Host.Client.BaseAddress!, "/").Port}", link.GetLeftPart(UriPartial.Authority));
        await Task.Delay(Quiet, TestContext.Current.CancellationToken);
        Assert.Empty(world.Partner.RequestsNaming(email));

        // The link opens a page with one button; opening it changes nothing (mail scanners open every link).
        var confirmPage = await world.OpenAsync(link.ToString());
        var button = confirmPage.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Confirm" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await BrowserWorld.ScreenshotAsync(confirmPage, "confirmation-link-opened");
        Assert.Empty(world.Partner.RequestsNaming(email));

        await button.ClickAsync();
        await Assertions.Expect(confirmPage.Locator("h1")).ToHaveTextAsync("Thank you: confirmed");
        await BrowserWorld.ScreenshotAsync(confirmPage, "confirmation-confirmed");

        // The lead: verified by the receiver, with when its owner confirmed and the hash of the exact text they granted.
        var lead = await world.Partner.WaitForLeadAsync(candidate => candidate["data"]?["email"]?.GetValue<string>() == email, ArrivesWithin);
        Assert.Equal("demo-promotion", lead["promotionId"]!.GetValue<string>());
        Assert.Equal(receiptId, lead["receiptId"]!.GetValue<string>());
        var entered = DateTimeOffset.Parse(lead["enteredAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var confirmed = DateTimeOffset.Parse(lead["confirmedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(confirmed >= entered, $"confirmed {confirmed:O} before entered {entered:O}");
        var consent = Assert.Single(lead["consents"]!.AsArray());
        Assert.Equal("demo-partner-sharing", consent!["labelId"]!.GetValue<string>());
        Assert.Equal(await SharingLabelTextSha256Async(consent["version"]!.GetValue<int>()), consent["textSha256"]!.GetValue<string>());

        // Pressing again (a second tab, a retry) confirms nothing new: one lead only.
        await confirmPage.GoBackAsync();
        await confirmPage.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(confirmPage.Locator("h1")).ToHaveTextAsync("Already confirmed");
        await Task.Delay(Quiet, TestContext.Current.CancellationToken);
        Assert.Single(world.Partner.LeadsFor(email));
        Assert.Single(world.Mail.MessagesTo(email));
    }

    [Fact]
    public async Task An_entry_nobody_confirms_is_never_delivered_while_a_later_confirmed_one_is()
    {
        var unconfirmed = $"unconfirmed.{Guid.NewGuid():N}@example.test";
        var confirmed = $"confirmed.{Guid.NewGuid():N}@example.test";
        await EnterSharingWithThePartnerAsync(unconfirmed, "confirmation-unconfirmed-entry");
        await world.ConfirmLinkFromMailAsync(unconfirmed);

        // A later entry, confirmed, goes through the same queue, trigger and sender and arrives: the unconfirmed one,
        // owed earlier, would have arrived first.
        await EnterSharingWithThePartnerAsync(confirmed, screenshot: null);
        await world.ConfirmFromMailAsync(confirmed);
        await world.Partner.WaitForLeadAsync(lead => lead["data"]?["email"]?.GetValue<string>() == confirmed, ArrivesWithin);
        await Task.Delay(Quiet, TestContext.Current.CancellationToken);
        Assert.Empty(world.Partner.RequestsNaming(unconfirmed));

        // And nothing is owed to the partner for it: the person's access bundle lists no disclosure, pending or not.
        var bundle = await AccessBundleAsync(unconfirmed);
        Assert.Empty(bundle["disclosures"]!.AsArray());
    }

    /// <summary>Enters the demo promotion by clicking, every question answered yes (partner sharing included).</summary>
    private async Task<(IPage Page, string ReceiptId)> EnterSharingWithThePartnerAsync(string email, string? screenshot)
    {
        var page = await world.OpenAsync("promotion.html");
        var form = new SitePage(page, "promotion");
        await form.WaitUntilReadyAsync();
        await page.FillAsync("#promotion-email", email);
        await page.FillAsync("#promotion-name", "Confirming Entrant");
        await page.FillAsync("#promotion-field-answer", "Forty-two");
        await form.AnswerAsync(_ => true);
        await form.Submit.ClickAsync();
        var receiptId = await form.ReceiptIdAsync();

        // What the site says after a 201 awaiting confirmation: check your email; nothing applies until you confirm.
        var note = page.Locator("#promotion-confirmation-note");
        await Assertions.Expect(note).ToContainTextAsync("Check your email");
        await Assertions.Expect(note).ToContainTextAsync(email);
        await Assertions.Expect(note).ToContainTextAsync("nothing you agreed to applies until you confirm");
        Assert.Equal("true", await page.Locator("#promotion-receipt-answers li[data-label-id='demo-partner-sharing']").GetAttributeAsync("data-granted"));
        if (screenshot is not null)
        {
            await BrowserWorld.ScreenshotAsync(page, screenshot);
        }

        return (page, receiptId);
    }

    /// <summary>SHA-256 of the sharing label's exact text, as the promotion shows it to people.</summary>
    private async Task<string> SharingLabelTextSha256Async(int version)
    {
        var promotion = await world.Host.Client.GetFromJsonAsync<JsonObject>("api/promotions/demo-promotion", TestContext.Current.CancellationToken);
        var label = Assert.Single(promotion!["labels"]!.AsArray(), label => label!["labelId"]!.GetValue<string>() == "demo-partner-sharing");
        Assert.Equal(version, label!["version"]!.GetValue<int>());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(label["text"]!.GetValue<string>())));
    }

    private async Task<JsonObject> AccessBundleAsync(string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/manage/subjects/access") { Content = JsonContent.Create(new { email }) };
        request.Headers.Add(FunctionKeys.HeaderName, world.Host.Keys.DefaultKey);
        using var response = await world.Host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;
    }
}
