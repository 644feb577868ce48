using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Concurrency;
using Submissions.Functions.Tests.Exports;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Promotions;

/// <summary>
/// Issue 18: a promotion's entrants' rows fan out over <see cref="PromotionPartitions.BucketCount"/> buckets by subject
/// key, the definition comes from the read cache, and a confirmation id names its row's partition (no pointer). Entries
/// and pointers stored before (in the promotion's own partition) still confirm and deliver.
/// </summary>
public sealed class PromotionBucketTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> CachedPromotion = new() { ["ReadCache:PromotionSeconds"] = "30" };

    [Fact]
    public async Task With_the_definition_cached_an_entry_is_its_index_row_one_transaction_and_the_mail_s_enqueue()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, CachedPromotion);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true), confirm: false);

        var keyed = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var trips = await app.Requests.CountAsync(() => app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true), keyed, confirm: false));
        var writes = app.Requests.Writes;
        var unkeyed = await app.Requests.CountAsync(() => app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: false), confirm: false));

        // The person's index row (kept: it is what lets an erasure find and stop a pending entry), the transaction in
        // the entrant's bucket (pending row, receipt, key's record), the confirmation mail's enqueue — nothing is read,
        // shared or not (before issue 18: 6 keyed, 5 not). A key adds its marker (a reuse with another email's body).
        Assert.Equal(4, trips);
        Assert.Equal(3, unkeyed);
        Assert.Equal(3, app.Requests.Writes - writes);
    }

    [Fact]
    public async Task A_key_reused_with_another_email_meets_its_marker_which_holds_no_answer_and_no_personal_value()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var first = RegistrationForms.NewEmail();
        var second = RegistrationForms.NewEmail();

        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(first, share: false, name: "Marker Person"), key)).Status);
        Assert.Equal(422, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(second, share: false), key)).Status);
        Assert.Equal("true", (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(first, share: false, name: "Marker Person"), key)).Headers["Idempotent-Replayed"].ToString());

        var marker = Assert.Single(await app.Tables.Promotions.RowsAsync(), row => KeyMarkers.Is(row.RowKey));
        Assert.StartsWith(PromotionForms.DemoPromotion + "~", marker.PartitionKey, StringComparison.Ordinal);
        Assert.Null(marker.GetString("ResponseJson"));
        Assert.False(marker.Mentions(first) || marker.Mentions("Marker Person") || marker.Mentions(app.SubjectOf(first).Value));
        Assert.Empty(await app.RowsOfAsync(second));
    }

    [Fact]
    public async Task Concurrent_entries_cost_one_definition_load_and_an_admin_s_change_applies_at_once_on_the_instance_that_saved_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, CachedPromotion);
        await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), confirm: false);
        var reads = app.Requests.Count - app.Requests.Writes;

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: false), confirm: false)));

        Assert.All(responses, response => Assert.Equal(201, response.Status));
        // The catalog was warm: the one read is the definition's, shared by every concurrent miss.
        Assert.Equal(1, app.Requests.Count - app.Requests.Writes - reads);

        var closed = PromotionForms.Promotion(endsAt: app.Time.GetUtcNow().AddDays(-1), startsAt: app.Time.GetUtcNow().AddDays(-30));
        Assert.Equal(200, (await app.PutPromotionAsync(PromotionForms.DemoPromotion, closed)).Status);
        var refused = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: false), confirm: false);
        Assert.Equal(409, refused.Status);
    }

    [Fact]
    public async Task Entries_of_many_people_spread_over_the_buckets_and_none_lands_in_the_promotion_s_own_partition()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var emails = Enumerable.Range(0, 64).Select(_ => RegistrationForms.NewEmail()).ToList();

        await Storm.RunAsync(emails.Count, i => app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(emails[i], share: true)));

        var entries = (await app.Tables.Promotions.RowsAsync()).Where(row => row.RowKey.StartsWith(PromotionEntryEntity.RowKeyPrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(64, entries.Count);
        Assert.All(entries, entry => Assert.Equal(PromotionPartitions.ForEntrant(PromotionForms.DemoPromotion, entry.GetString("SubjectKey")!), entry.PartitionKey));
        // 64 people over 32 buckets: a uniform hash leaves fewer than 15 buckets empty with overwhelming probability.
        Assert.True(entries.Select(entry => entry.PartitionKey).Distinct().Count() >= 18, "entries should spread over the buckets");
        Assert.DoesNotContain(await app.Tables.Promotions.RowsAsync(), row => row.PartitionKey == PromotionForms.DemoPromotion && row.RowKey != PromotionEntity.PromotionRowKey);
        Assert.Empty(await app.Tables.Confirmations.RowsAsync());

        // Exports and statistics count them per promotion, whatever the bucket.
        var export = await app.ExportAsync("promotion-entries", "ndjson", app.Time.GetUtcNow().AddDays(-1), app.Time.GetUtcNow().AddDays(1));
        Assert.All(export.Rows("ndjson"), row => Assert.Equal(PromotionForms.DemoPromotion, row["promotionId"]));
        Assert.Equal(64, export.Rows("ndjson").Count);
    }

    [Fact]
    public async Task One_person_s_concurrent_confirmations_of_several_pending_entries_make_one_entry()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var pending = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), confirm: false)));
        var confirmationIds = new List<string>();
        foreach (var response in pending)
        {
            var row = await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, response.Json.GetProperty("id").GetString()!);
            confirmationIds.Add(row!.GetString(nameof(PendingSubmissionEntity.ConfirmationId))!);
        }

        var answers = await Storm.RunAsync(confirmationIds.Count, i => app.ConfirmAsync(confirmationIds[i]));

        var statuses = answers.Select(answer => answer.Json.GetProperty("status").GetString()).ToList();
        Assert.Equal(1, statuses.Count(status => status == "confirmed"));
        Assert.Equal(4, statuses.Count(status => status == "already-entered"));
        var bucket = PromotionPartitions.ForEntrant(PromotionForms.DemoPromotion, app.SubjectOf(email).Value);
        var kinds = await app.Tables.Promotions.RowKindsAsync(bucket);
        Assert.Equal(1, kinds["entry~"]);
        Assert.Equal(1, kinds["delivery~"]);
        Assert.False(kinds.ContainsKey("pending~"));
    }

    [Fact]
    public async Task A_pending_entry_stored_before_issue_18_with_its_pointer_still_confirms_and_is_delivered_from_the_promotion_s_partition()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        var confirmationId = await LegacyPendingEntryAsync(app, email);

        var confirmed = await app.ConfirmAsync(confirmationId);

        Assert.Equal("confirmed", confirmed.Json.GetProperty("status").GetString());
        var subject = app.SubjectOf(email).Value;
        var entry = await app.Tables.Promotions.GetEntityAsync<TableEntity>(PromotionForms.DemoPromotion, PromotionEntryEntity.RowKeyFor(subject), cancellationToken: TestContext.Current.CancellationToken);
        var owed = Assert.Single(await app.Tables.Promotions.RowsAsync(), row => row.RowKey.StartsWith(OwedDeliveryEntity.RowKeyPrefix, StringComparison.Ordinal));
        Assert.Equal((PromotionForms.DemoPromotion, PromotionForms.DemoPromotion), (owed.PartitionKey, owed.GetString("PromotionId")));
        Assert.Equal(entry.Value.GetString("DeliveryId"), owed.GetString("DeliveryId"));

        // The delivery message names the partition under the JSON name messages in flight were sent with.
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());
        var json = message.Body.ToString();
        Assert.Equal(PromotionForms.DemoPromotion, JsonDocument.Parse(json).RootElement.GetProperty("promotionId").GetString());
        await app.DeliverAsync(message);
        Assert.Single(receiver.Received);
        Assert.Equal("delivered", (await app.Tables.Promotions.GetEntityAsync<TableEntity>(owed.PartitionKey, owed.RowKey, cancellationToken: TestContext.Current.CancellationToken)).Value.GetString("Status"));
        Assert.Equal(PromotionForms.DemoPromotion, Assert.Single(await app.Tables.Disclosures.RowsAsync()).GetString("PromotionId"));

        // The export reads the promotion's own partition too, and the sharing records beside the entry.
        var export = await app.ExportAsync("promotion-entries", "ndjson", app.Time.GetUtcNow().AddDays(-1), app.Time.GetUtcNow().AddDays(1));
        Assert.Equal((PromotionForms.DemoPromotion, "granted"), (Assert.Single(export.Rows("ndjson"))["promotionId"], export.Rows("ndjson")[0]["sharingNow"]));
    }

    [Fact]
    public void A_delivery_message_sent_before_issue_18_still_reads_its_promotion_id_as_the_owed_row_s_partition()
    {
        var old = PartnerDeliveryMessage.FromJson("{\"promotionId\":\"demo-promotion\",\"deliveryId\":\"0190aa\"}");
        Assert.Equal(new PartnerDeliveryMessage("demo-promotion", "0190aa"), old);
        Assert.Equal("{\"promotionId\":\"demo-promotion~07\",\"deliveryId\":\"0190aa\"}", new PartnerDeliveryMessage("demo-promotion~07", "0190aa").ToJson());
        Assert.Null(PartnerDeliveryMessage.FromJson("{\"promotionId\":\"demo-promotion~99\",\"deliveryId\":\"0190aa\"}"));
    }

    [Fact]
    public async Task An_erased_person_s_pending_entry_never_becomes_an_entry()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var response = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), confirm: false);
        var confirmationId = (await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, response.Json.GetProperty("id").GetString()!))!
            .GetString(nameof(PendingSubmissionEntity.ConfirmationId))!;

        var erased = await app.EraseAsync(email);

        Assert.True(erased.Json.GetProperty("complete").GetBoolean());
        Assert.Equal(410, (await app.ConfirmAsync(confirmationId)).Status);
        Assert.DoesNotContain(await app.Tables.Promotions.RowsAsync(), row => row.RowKey.StartsWith(PromotionEntryEntity.RowKeyPrefix, StringComparison.Ordinal));
        Assert.DoesNotContain(await app.Tables.Promotions.RowsAsync(), row => row.RowKey.StartsWith(PendingSubmissionEntity.RowKeyPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registration_stored_before_issue_18_with_its_pointer_still_confirms()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var response = await app.PostAsync(RegistrationForms.Body(email), confirm: false);
        var subject = app.SubjectOf(email).Value;
        var row = (await app.PendingRowAsync(app.Tables.Subjects, subject, response.Json.GetProperty("id").GetString()!))!;
        var legacyId = Guid.CreateVersion7().ToString("N");
        await MoveAsync(app.Tables.Subjects, row, subject, legacyId);
        await WritePointerAsync(app, legacyId, "registration", SubmissionsTables.SubjectsName, subject);

        Assert.Equal("confirmed", (await app.ConfirmAsync(legacyId)).Json.GetProperty("status").GetString());
        Assert.Contains(await app.RowsOfAsync(email), stored => stored.RowKey == "member");
        Assert.Equal("already-confirmed", (await app.ConfirmAsync(legacyId)).Json.GetProperty("status").GetString());
    }

    /// <summary>
    /// A pending entry as issue 17 stored it: in the promotion's own partition, under a bare-UUID confirmation id, with
    /// its pointer and the person's index row naming that partition. Made from a new one by moving its rows.
    /// </summary>
    private static async Task<string> LegacyPendingEntryAsync(TestApp app, string email)
    {
        var response = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), confirm: false);
        var row = (await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, response.Json.GetProperty("id").GetString()!))!;
        var subject = app.SubjectOf(email).Value;
        var legacyId = Guid.CreateVersion7().ToString("N");
        var receipt = (await app.Tables.Promotions.GetEntityAsync<TableEntity>(row.PartitionKey, "receipt~" + row.GetString("ReceiptId"), cancellationToken: TestContext.Current.CancellationToken)).Value;
        await app.Tables.Promotions.DeleteEntityAsync(receipt.PartitionKey, receipt.RowKey, cancellationToken: TestContext.Current.CancellationToken);
        receipt.PartitionKey = PromotionForms.DemoPromotion;
        receipt["ConfirmationId"] = legacyId;
        await app.Tables.Promotions.AddEntityAsync(receipt, TestContext.Current.CancellationToken);
        var index = app.Services.GetRequiredService<SubjectIndex>();
        await index.RemoveAsync(subject, SubjectRecordKinds.PromotionEntry, row.PartitionKey, row.RowKey, TestContext.Current.CancellationToken);
        await index.RecordAsync(
            subject, SubjectRecordKinds.PromotionEntry, SubmissionsTables.PromotionsName, PromotionForms.DemoPromotion,
            PendingSubmissionEntity.RowKeyFor(legacyId), app.Time.GetUtcNow(), TestContext.Current.CancellationToken);
        await MoveAsync(app.Tables.Promotions, row, PromotionForms.DemoPromotion, legacyId);
        await WritePointerAsync(app, legacyId, "promotion", SubmissionsTables.PromotionsName, PromotionForms.DemoPromotion);
        return legacyId;
    }

    private static async Task MoveAsync(TableClient table, TableEntity row, string partition, string legacyId)
    {
        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: TestContext.Current.CancellationToken);
        row.PartitionKey = partition;
        row.RowKey = PendingSubmissionEntity.RowKeyFor(legacyId);
        row["ConfirmationId"] = legacyId;
        await table.AddEntityAsync(row, TestContext.Current.CancellationToken);
    }

    private static async Task WritePointerAsync(TestApp app, string confirmationId, string form, string table, string partition) =>
        await app.Tables.Confirmations.AddEntityAsync(
            new TableEntity(confirmationId, ConfirmationPointerEntity.PointerRowKey)
            {
                ["Form"] = form,
                ["TableName"] = table,
                ["Partition"] = partition,
                ["CreatedAt"] = app.Time.GetUtcNow(),
                ["ExpiresAt"] = app.Time.GetUtcNow().AddDays(7),
            },
            TestContext.Current.CancellationToken);
}
