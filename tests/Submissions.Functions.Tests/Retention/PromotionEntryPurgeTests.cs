using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Promotions;
using Submissions.Storage.Retention;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Retention;

/// <summary>A promotion ended more than Retention:PromotionEntryGraceDays ago loses what entrants left, and keeps its definition.</summary>
public sealed class PromotionEntryPurgeTests(AzuriteFixture azurite)
{
    /// <summary>Keeps idempotency records out of the way, so the recent promotion's stay and the ended one's go with it.</summary>
    private static readonly Dictionary<string, string?> KeepIdempotency = new() { ["Retention:IdempotencyHours"] = "100000" };

    [Fact]
    public async Task An_ended_promotion_loses_entries_deliveries_ledger_idempotency_and_index_rows_and_a_recent_one_keeps_everything()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, KeepIdempotency);
        var now = app.Time.GetUtcNow();
        var ended = await CreatePromotionAsync(app, endsAt: now.AddHours(1));
        var recent = await CreatePromotionAsync(app, endsAt: now.AddDays(2));
        var endedEntrants = new[] { RegistrationForms.NewEmail(), RegistrationForms.NewEmail() };
        var recentEntrant = RegistrationForms.NewEmail();
        foreach (var email in endedEntrants)
        {
            await EnterAsync(app, ended, email);
        }

        await EnterAsync(app, recent, recentEntrant);
        var disclosure = new TableEntity(app.SubjectOf(endedEntrants[0]).Value, "delivery-proof") { ["PromotionId"] = ended, ["PartnerId"] = "demo-partner" };
        await app.Tables.Disclosures.AddEntityAsync(disclosure, TestContext.Current.CancellationToken);
        var endedBefore = await RetentionData.RowsAsync(app.Tables.Promotions, ended);
        var recentBefore = await RowKeysAsync(app, recent);

        // The first ended 30 days and a minute ago; the second ended less than 29 days ago.
        app.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var run = await app.PurgeAsync();

        foreach (var prefix in new[] { "entry~", "delivery~", "receipt~", "consent~", "confirmation~", "idem~" })
        {
            Assert.Contains(endedBefore, row => row.RowKey.StartsWith(prefix, StringComparison.Ordinal));
        }

        Assert.Equal(["promotion"], await RowKeysAsync(app, ended));
        Assert.Equal(recentBefore, await RowKeysAsync(app, recent));
        foreach (var email in endedEntrants)
        {
            Assert.False(await RetentionData.ExistsAsync(app.Tables.Subjects, app.SubjectOf(email).Value, IndexRowKey(app, ended, email)));
        }

        Assert.True(await RetentionData.ExistsAsync(app.Tables.Subjects, app.SubjectOf(recentEntrant).Value, IndexRowKey(app, recent, recentEntrant)));
        Assert.True(await RetentionData.ExistsAsync(app.Tables.Disclosures, disclosure.PartitionKey, disclosure.RowKey));
        Assert.Equal(2, (await app.ReportAsync(run)).CountOf(PurgeKinds.PromotionEntries));
    }

    [Fact]
    public async Task Running_the_purge_again_removes_nothing_more_and_reports_zero()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, KeepIdempotency);
        var now = app.Time.GetUtcNow();
        var ended = await CreatePromotionAsync(app, endsAt: now.AddHours(1));
        await EnterAsync(app, ended, RegistrationForms.NewEmail());
        await EnterAsync(app, PromotionForms.DemoPromotion, RegistrationForms.NewEmail());
        app.Time.Advance(TimeSpan.FromDays(32));

        var first = await app.PurgeAsync();
        var promotions = await RetentionData.KeysAsync(app.Tables.Promotions);
        var subjects = await RetentionData.KeysAsync(app.Tables.Subjects);
        var second = await app.PurgeAsync();

        Assert.Equal(1, (await app.ReportAsync(first)).CountOf(PurgeKinds.PromotionEntries));
        Assert.Equal(0, (await app.ReportAsync(second)).CountOf(PurgeKinds.PromotionEntries));
        Assert.Equal(promotions, await RetentionData.KeysAsync(app.Tables.Promotions));
        Assert.Equal(subjects, await RetentionData.KeysAsync(app.Tables.Subjects));
        // The demo promotion's entry stays, in its entrant's bucket (issue 18).
        Assert.Contains(promotions, key => key.StartsWith(PromotionForms.DemoPromotion + "~", StringComparison.Ordinal) && key.Contains("/entry~", StringComparison.Ordinal));
    }

    private static async Task<string> CreatePromotionAsync(TestApp app, DateTimeOffset endsAt)
    {
        var promotionId = "promo-" + Guid.NewGuid().ToString("N")[..12];
        var created = await app.PutPromotionAsync(promotionId, PromotionForms.Promotion(startsAt: app.Time.GetUtcNow().AddDays(-1), endsAt: endsAt));
        Assert.Equal(201, created.Status);
        return promotionId;
    }

    /// <summary>A shared entry with an Idempotency-Key: an entry, an owed delivery, a receipt, consent rows and an idempotency record.</summary>
    private static async Task EnterAsync(TestApp app, string promotionId, string email)
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        Assert.Equal(201, (await app.EnterAsync(promotionId, PromotionForms.Entry(email, share: true), headers)).Status);
    }

    private static async Task<List<string>> RowKeysAsync(TestApp app, string promotionId) =>
        [.. (await RetentionData.RowsAsync(app.Tables.Promotions, promotionId)).Select(row => row.RowKey)];

    /// <summary>The person's index row to their entry, in their bucket of the promotion (issue 18).</summary>
    private static string IndexRowKey(TestApp app, string promotionId, string email) =>
        SubjectRecordEntity.RowKeyFor(
            SubjectRecordKinds.PromotionEntry, PromotionPartitions.ForEntrant(promotionId, app.SubjectOf(email).Value), "entry~" + app.SubjectOf(email).Value);
}
