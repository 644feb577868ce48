using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerReceiver;
using Submissions.Application.Deliveries;
using Submissions.Domain.OptOut;
using Submissions.Functions.Http;
using Submissions.Functions.Queues;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Ledger;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Deliveries;

/// <summary>Partner delivery against Azurite and a real HTTP receiver on loopback.</summary>
public sealed class PartnerDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_granted_entry_is_delivered_signed_with_exactly_the_allowed_fields_and_disclosed()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        var entry = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true, name: "Grace Hopper", fields: new { answer = "Green" }));

        Assert.Equal(1, await app.DeliverAllAsync());

        var webhook = Assert.Single(receiver.Received);
        Assert.Equal(VerificationResult.Valid, webhook.Verification);
        using var body = JsonDocument.Parse(webhook.Body);
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(["email", "name"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(email, data.GetProperty("email").GetString());
        Assert.Equal("Grace Hopper", data.GetProperty("name").GetString());
        Assert.Equal(entry.Json.GetProperty("receipt").GetProperty("id").GetString(), body.RootElement.GetProperty("receiptId").GetString());
        var consent = Assert.Single(body.RootElement.GetProperty("consents").EnumerateArray());
        Assert.Equal("demo-partner-sharing", consent.GetProperty("labelId").GetString());
        Assert.Equal(1, consent.GetProperty("version").GetInt32());

        var disclosure = Assert.Single(await app.Tables.Disclosures.RowsAsync());
        Assert.Equal(app.SubjectOf(email).Value, disclosure.PartitionKey);
        Assert.Equal("demo-partner", disclosure.GetString("PartnerId"));
        Assert.Equal("email,name", disclosure.GetString("FieldNames"));
        Assert.Equal(webhook.WebhookId, disclosure.GetString("WebhookId"));
        Assert.Equal(app.Services.GetRequiredService<Submissions.Domain.Privacy.PayloadFingerprinter>().Of(webhook.Body), disclosure.GetString("PayloadSha256"));
        Assert.NotEqual(Submissions.Domain.ContentHash.Sha256Hex(webhook.Body), disclosure.GetString("PayloadSha256"));
        Assert.Equal(entry.Json.GetProperty("receipt").GetProperty("id").GetString(), consent.GetProperty("receiptId").GetString());
        Assert.DoesNotContain(email, string.Join('|', disclosure.Select(pair => pair.Value)), StringComparison.OrdinalIgnoreCase);
        var owed = Assert.Single(await app.Tables.Promotions.RowsAsync(), row => row.RowKey.StartsWith("delivery~", StringComparison.Ordinal));
        Assert.Equal("delivered", owed.GetString("Status"));
    }

    [Fact]
    public async Task The_payload_is_cut_to_what_the_partner_may_receive()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url, "email", "phone");

        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        await app.DeliverAllAsync();

        using var body = JsonDocument.Parse(Assert.Single(receiver.Received).Body);
        Assert.Equal(["email"], body.RootElement.GetProperty("data").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_declined_entry_is_never_delivered()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);

        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: false));

        Assert.Equal(0, await app.DeliverAllAsync());
        var invented = new PartnerDeliveryMessage(PromotionForms.DemoPromotion, Guid.NewGuid().ToString("N"));
        Assert.Equal(DeliveryResult.NotFound, await app.Services.GetRequiredService<PartnerDeliveryProcessor>().ProcessAsync(invented, 1, CancellationToken.None));
        Assert.Empty(receiver.Received);
        Assert.Empty(await app.Tables.Disclosures.RowsAsync());
    }

    [Fact]
    public async Task Consent_withdrawn_before_delivery_stops_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));

        await WithdrawAsync(app, email, "demo-partner-sharing");
        await app.DeliverAllAsync();

        Assert.Empty(receiver.Received);
        Assert.Empty(await app.Tables.Disclosures.RowsAsync());
        Assert.Equal("withdrawn", (await app.Tables.Promotions.RowsAsync()).Single(row => row.RowKey.StartsWith("delivery~", StringComparison.Ordinal)).GetString("Status"));
    }

    [Fact]
    public async Task A_partner_500_is_retried_with_the_same_webhook_id_and_then_succeeds()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.Script(500, 503);

        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        await app.DeliverAllAsync();

        Assert.Equal(3, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(webhook => webhook.WebhookId).Distinct());
        Assert.All(receiver.Received, webhook => Assert.Equal(VerificationResult.Valid, webhook.Verification));
        Assert.Single(await app.Tables.Disclosures.RowsAsync());
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.Script(429, TimeSpan.Zero, retryAfterSeconds: 1);

        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await app.DeliverAllAsync();

        Assert.Equal(2, receiver.Received.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
        Assert.Single(await app.Tables.Disclosures.RowsAsync());
    }

    [Fact]
    public async Task A_partner_slower_than_the_attempt_timeout_is_retried()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.Script(204, TimeSpan.FromSeconds(4));

        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        await app.DeliverAllAsync();

        Assert.Equal(2, receiver.Received.Count);
        Assert.Single(await app.Tables.Disclosures.RowsAsync());
    }

    [Fact]
    public async Task A_partner_down_for_good_ends_as_a_dead_letter_that_says_why_once_the_retry_schedule_is_spent()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.DefaultStatus = 503;
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));

        // The first attempt and the schedule's four retries, each a message of its own that the function completes.
        Assert.Equal(5, await app.DeliverUntilQuietAsync());

        var dead = Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("http-503", 5), (dead.GetProperty("reason").GetString(), dead.GetProperty("attempts").GetInt32()));
        Assert.Equal(5 * 3, receiver.Received.Count); // each attempt: one POST and Delivery:MaxRetries (2) more
        Assert.Single(receiver.Received.Select(webhook => webhook.WebhookId).Distinct());

        // An admin's retry starts a fresh schedule: five attempts again, not one.
        Assert.Equal(202, (await app.RetryDeliveryAsync(dead.GetProperty("deliveryId").GetString()!)).Status);
        Assert.Equal(5, await app.DeliverUntilQuietAsync());
        Assert.Equal(5, Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray()).GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task With_no_in_process_retry_configured_each_invocation_posts_once_and_the_queue_retry_delivers()
    {
        // Delivery__MaxRetries=0, the natural "no in-process retry": it must pass start-up and post, not fail every
        // delivery inside the resilience pipeline.
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Delivery:MaxRetries"] = "0" });
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.Script(503);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());

        await app.DeliverAsync(message);
        Assert.Single(receiver.Received);

        Assert.Equal(1, await app.DeliverAllAsync());
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal("delivered", Assert.Single(await app.Tables.Disclosures.RowsAsync()).GetString("Outcome"));
    }

    [Fact]
    public async Task A_lead_carries_a_sealed_one_click_link_to_stop_sharing_with_that_partner_the_same_on_every_retry()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        receiver.Script(503);
        await app.DeliverUntilQuietAsync();

        var bodies = receiver.Received.Select(attempt => JsonDocument.Parse(attempt.Body).RootElement.GetProperty("withdrawSharingUrl").GetString()).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Single(bodies.Distinct(StringComparer.Ordinal)); // a retry carries the same body, link included
        var link = new Uri(bodies[0]!);
        Assert.Equal("https://submissions.example.test/api/opt-out", link.GetLeftPart(UriPartial.Path));
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        Assert.Equal(OptOutTokenSigner.SealedVersion, System.Buffers.Text.Base64Url.DecodeFromChars(token)[0]);
        Assert.True(app.Services.GetRequiredService<OptOutTokenSigner>().TryVerify(token, app.Time.GetUtcNow(), out var claim));
        Assert.Equal((app.SubjectOf(email), OptOutScope.Partner("demo-partner")), (claim.Subject, claim.Scope));
        Assert.DoesNotContain(app.SubjectOf(email).Value, System.Text.Encoding.UTF8.GetString(receiver.Received.First().Body), StringComparison.OrdinalIgnoreCase);

        // The partner's own mail's one-click POST withdraws the sharing, and the partner is told.
        var request = HttpExchange.Request("POST", "/api/opt-out", "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded", link.Query);
        var withdrawn = await app.Function<OptOutFunctions>().OptOutAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
        Assert.Equal(200, withdrawn.Status);
        var notice = Assert.Single(await app.Tables.Notices.RowsAsync());
        Assert.Equal(("consent.withdrawn", "demo-partner"), (notice.GetString("Type"), notice.PartitionKey));
    }

    [Fact]
    public async Task A_permanent_400_is_a_dead_letter_without_retry()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.Script(400);

        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        await app.DeliverAllAsync();

        Assert.Single(receiver.Received);
        var failed = await app.ListFailedDeliveriesAsync();
        var dead = Assert.Single(failed.Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("http-400", dead.GetProperty("reason").GetString());

        // The partner read the body before refusing it: the disclosure stands, so a withdrawal or erasure tells it.
        Assert.Equal("possibly-delivered", Assert.Single(await app.Tables.Disclosures.RowsAsync()).GetString("Outcome"));
    }

    [Fact]
    public async Task A_disclosure_left_pending_by_a_crash_after_the_delivery_ended_is_settled_by_the_message_s_next_copy()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.Script(400);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());
        await app.DeliverAsync(message);

        // As if the process died between failing the row and settling its disclosure.
        var disclosure = Assert.Single(await app.Tables.Disclosures.RowsAsync());
        disclosure["Outcome"] = "pending";
        await app.Tables.Disclosures.UpdateEntityAsync(disclosure, Azure.ETag.All, Azure.Data.Tables.TableUpdateMode.Replace, TestContext.Current.CancellationToken);

        await app.DeliverAsync(message);

        Assert.Single(receiver.Received);
        Assert.Equal("possibly-delivered", Assert.Single(await app.Tables.Disclosures.RowsAsync()).GetString("Outcome"));
    }

    [Fact]
    public async Task A_message_the_host_poisoned_becomes_a_dead_letter_that_an_admin_can_retry()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.DefaultStatus = 503;
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());

        // The partner fails; its retry's message is then poisoned, as the host does with one whose function kept
        // throwing (this app's storage failing, say) maxDequeueCount times.
        await app.DeliverAsync(message);
        var retryMessage = Assert.Single(await app.TakeDeliveryMessagesAsync());
        await app.Services.GetRequiredService<SubmissionsQueues>().PartnerDeliveriesPoison.SendMessageAsync(retryMessage.Body.ToString(), TestContext.Current.CancellationToken);
        foreach (var poisoned in await app.TakeDeliveryMessagesAsync(poison: true))
        {
            await app.Function<PartnerDeliveryFunctions>().RecordDeadLetterAsync(poisoned, CancellationToken.None);
        }

        var dead = Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        var deliveryId = dead.GetProperty("deliveryId").GetString()!;

        receiver.DefaultStatus = 204;
        var retry = await app.RetryDeliveryAsync(deliveryId);
        Assert.Equal(202, retry.Status);
        Assert.Equal(1, await app.DeliverAllAsync());

        Assert.Single(await app.Tables.Disclosures.RowsAsync());
        Assert.Empty((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(404, (await app.RetryDeliveryAsync(deliveryId)).Status);
    }

    [Fact]
    public async Task The_same_queue_message_processed_twice_posts_once_and_discloses_once()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());

        await app.DeliverAsync(message);
        await app.DeliverAsync(message);

        Assert.Single(receiver.Received);
        Assert.Single(await app.Tables.Disclosures.RowsAsync());
    }

    [Fact]
    public async Task Copies_of_one_message_processed_at_once_post_once()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                await app.DeliverAsync(message);
                return "done";
            }
            catch (TransientDeliveryException)
            {
                return "retry later";
            }
        }));

        Assert.Single(receiver.Received);
        Assert.Single(await app.Tables.Disclosures.RowsAsync());
        Assert.Contains("done", outcomes);
    }

    [Fact]
    public async Task The_outbox_sweep_heals_a_lost_enqueue()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var queue = app.Services.GetRequiredService<SubmissionsQueues>().PartnerDeliveries;
        await queue.DeleteAsync(TestContext.Current.CancellationToken);
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true))).Status);
        await queue.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        var sweep = app.Function<Submissions.Functions.Timers.OutboxSweepFunction>();

        await sweep.SweepAsync(null!, CancellationToken.None);
        Assert.Equal(0, await app.DeliverAllAsync());

        app.Time.Advance(TimeSpan.FromMinutes(11));
        await sweep.SweepAsync(null!, CancellationToken.None);
        Assert.Equal(1, await app.DeliverAllAsync());

        Assert.Single(receiver.Received);
        Assert.Single(await app.Tables.Disclosures.RowsAsync());
    }

    [Theory]
    [InlineData("https://127.0.0.1:9/webhooks/demo-partner")]
    [InlineData("https://localhost:9/webhooks/demo-partner")] // a name that resolves to loopback
    [InlineData("http://partner.example/webhooks/demo-partner")]
    public async Task Outside_Development_private_destinations_and_plain_http_are_refused(string url)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, environment: "Production");
        await app.Services.GetRequiredService<Submissions.Storage.Partners.PartnerStore>().UpsertAsync(
            "demo-partner", new Submissions.Storage.Partners.PartnerContent("Demo", url, ["email"], Active: true), app.Time.GetUtcNow(), CancellationToken.None);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));

        await app.DeliverAllAsync();

        var dead = Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("destination-not-allowed", dead.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        receiver.Script(302);

        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        await app.DeliverAllAsync();

        Assert.Single(receiver.Received);
        Assert.Equal("http-302", Assert.Single((await app.ListFailedDeliveriesAsync()).Json.GetProperty("deliveries").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_reference_receiver_accepts_a_delivery_and_acknowledges_its_replay_without_processing_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var capture = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(capture.Url);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true));
        await app.DeliverAllAsync();
        var webhook = Assert.Single(capture.Received);

        await using var sample = await SampleReceiver.StartAsync(app.SigningSecret(), app.Time);

        var first = await sample.PostAsync(webhook, webhook.Body);
        var replay = await sample.PostAsync(webhook, webhook.Body);
        var tampered = await sample.PostAsync(webhook with { WebhookId = "another-id" }, webhook.Body);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, first);
        Assert.Equal(System.Net.HttpStatusCode.OK, replay);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, tampered);
    }

    /// <summary>Appends a withdrawal to the person's own ledger, as the opt-out and withdraw functions (issue 5) will.</summary>
    private static async Task WithdrawAsync(TestApp app, string email, string labelId)
    {
        var subject = app.SubjectOf(email).Value;
        var label = (await app.Services.GetRequiredService<Submissions.Storage.ConsentLabels.ConsentLabelStore>().LoadCatalogAsync(CancellationToken.None)).Latest(labelId)!;
        var withdrawal = new ConsentReceiptDraft(Guid.NewGuid().ToString("N"), "withdrawal", app.Time.GetUtcNow().AddSeconds(1), [new Submissions.Domain.Consent.ConsentDecision(label, false)]);
        await app.Tables.Subjects.SubmitTransactionAsync(withdrawal.LedgerActions(subject, subject, "withdrawal").ToList());
    }
}
