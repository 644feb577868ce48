using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Retention;

namespace Submissions.Functions.Tests.Retention;

/// <summary>
/// The purge of submissions their owner never confirmed (issue 17, <c>unconfirmed-submissions</c>): past their expiry
/// (<c>Confirmation:ExpiryDays</c>, 7) each goes with everything written for it — pending row, receipt, idempotency
/// record, pointer, an entry's index row — and so do pointers whose submission never committed; a confirmed one stays.
/// </summary>
public sealed class UnconfirmedSubmissionPurgeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_expired_pending_submission_goes_with_its_receipt_key_pointer_and_index_row_and_a_confirmed_one_stays()
    {
        // Idempotency records kept out of the way: the ones that go, this purge removed.
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Retention:IdempotencyHours"] = "100000" });
        var pendingEmail = RegistrationForms.NewEmail();
        var confirmedEmail = RegistrationForms.NewEmail();
        var subject = app.SubjectOf(pendingEmail).Value;
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(pendingEmail), NewKey(), confirm: false)).Status);
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(pendingEmail, share: true), NewKey(), confirm: false)).Status);
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(confirmedEmail, share: true), NewKey())).Status);
        var confirmedRows = Keys(await RetentionData.RowsAsync(app.Tables.Promotions, PromotionForms.DemoPromotion))
            .Where(key => !key.StartsWith("pending~", StringComparison.Ordinal) && !key.StartsWith("idem~", StringComparison.Ordinal) && !key.StartsWith("receipt~", StringComparison.Ordinal))
            .ToList();

        // A pointer whose submission never committed (storage went down before its transaction): written before issue 18,
        // which writes no pointers any more (a confirmation id names its row's partition).
        await app.Tables.Confirmations.AddEntityAsync(
            new TableEntity(Guid.CreateVersion7().ToString("N"), "pointer")
            {
                ["Form"] = "promotion",
                ["TableName"] = "Promotions",
                ["Partition"] = PromotionForms.DemoPromotion,
                ["CreatedAt"] = app.Time.GetUtcNow(),
                ["ExpiresAt"] = app.Time.GetUtcNow().AddDays(7),
            },
            TestContext.Current.CancellationToken);

        app.Time.Advance(TimeSpan.FromDays(6.9));
        var early = await app.ReportAsync(await app.PurgeAsync());
        Assert.Equal(0, early.CountOf(PurgeKinds.UnconfirmedSubmissions));
        Assert.Single(await app.Tables.Confirmations.RowsAsync());

        app.Time.Advance(TimeSpan.FromDays(0.2));
        var run = await app.ReportAsync(await app.PurgeAsync());

        Assert.Equal(2, run.CountOf(PurgeKinds.UnconfirmedSubmissions));
        // Nothing of the pending registration is left in the person's partition, nor of their pending entry (its index row included).
        Assert.Empty(await RetentionData.RowsAsync(app.Tables.Subjects, subject));
        var promotionRows = Keys(await RetentionData.RowsAsync(app.Tables.Promotions, PromotionForms.DemoPromotion));
        Assert.DoesNotContain(promotionRows, key => key.StartsWith("pending~", StringComparison.Ordinal));
        // The confirmed entry keeps its rows, its receipt and its key's record (the idempotency purge's, not this one's).
        Assert.All(confirmedRows, key => Assert.Contains(key, promotionRows));
        Assert.Single(promotionRows, key => key.StartsWith("receipt~", StringComparison.Ordinal));
        Assert.Single(promotionRows, key => key.StartsWith("idem~", StringComparison.Ordinal));
        // The dangling pointer had expired too.
        Assert.Empty(await app.Tables.Confirmations.RowsAsync());

        var again = await app.ReportAsync(await app.PurgeAsync());
        Assert.Equal(0, again.CountOf(PurgeKinds.UnconfirmedSubmissions));
    }

    private static Dictionary<string, string> NewKey() => new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

    private static List<string> Keys(IEnumerable<TableEntity> rows) => [.. rows.Select(row => row.RowKey)];
}
