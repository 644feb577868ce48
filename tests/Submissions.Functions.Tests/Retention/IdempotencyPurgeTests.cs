using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Retention;

namespace Submissions.Functions.Tests.Retention;

/// <summary>Idempotency records older than Retention:IdempotencyHours go from every table that holds them; the data stays.</summary>
public sealed class IdempotencyPurgeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Records_past_the_cutoff_go_from_every_table_and_younger_ones_and_the_data_stay()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();
        var page = CommentForms.NewPageId();
        var start = app.Time.GetUtcNow();
        await SubmitEachFormAsync(app, pollId, page);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await SubmitEachFormAsync(app, pollId, page);
        var tables = new[] { app.Tables.Subjects, app.Tables.Comments, app.Tables.Polls, app.Tables.Promotions };
        var dataBefore = await Task.WhenAll(tables.Select(DataRowsAsync));

        // The first records are now a week and a minute old, the second a minute short of a week.
        app.Time.Advance(TimeSpan.FromHours(168) - TimeSpan.FromMinutes(1));
        var run = await app.PurgeAsync();

        foreach (var (table, data) in tables.Zip(dataBefore))
        {
            var remaining = Assert.Single(await IdempotencyRowsAsync(table));
            Assert.True(remaining.GetDateTimeOffset("CreatedAt") > start.AddMinutes(1), table.Name);
            Assert.Equal(data, await DataRowsAsync(table));
        }

        Assert.Equal(4, (await app.ReportAsync(run)).CountOf(PurgeKinds.IdempotencyRecords));
        // The entries' key markers (issue 18) age with the records: the old one went, uncounted; the young one stays.
        Assert.Single(await app.Tables.Promotions.RowsAsync(), row => KeyMarkers.Is(row.RowKey));

        var again = await app.PurgeAsync();
        Assert.Equal(0, (await app.ReportAsync(again)).CountOf(PurgeKinds.IdempotencyRecords));
        foreach (var table in tables)
        {
            Assert.Single(await IdempotencyRowsAsync(table));
        }
    }

    /// <summary>One of each form, each with its own Idempotency-Key, so each table gets one idempotency record.</summary>
    private static async Task SubmitEachFormAsync(TestApp app, string pollId, string page)
    {
        Dictionary<string, string> NewKey() => new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), NewKey())).Status);
        Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(page), NewKey())).Status);
        Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote(voterToken: PollForms.NewVoterToken()), NewKey())).Status);
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: false), NewKey())).Status);
    }

    private static async Task<List<TableEntity>> IdempotencyRowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {"idem~"} and RowKey lt {"idem~~"}"), cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<List<string>> DataRowsAsync(TableClient table) =>
        [.. (await RetentionData.KeysAsync(table)).Where(key => !key.Contains("/idem~", StringComparison.Ordinal) && !key.Contains("/" + IdempotencyRecords.MarkerPrefix, StringComparison.Ordinal))];
}
