using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Timers;
using Submissions.Storage.Retention;

namespace Submissions.Functions.Tests.Retention;

/// <summary>The timer function, its report and its settings.</summary>
public sealed class RetentionRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_run_of_the_timer_function_writes_one_counts_only_report_row_per_kind()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 24, 3, 30, 0, TimeSpan.Zero));

        await app.Function<RetentionPurgeFunction>().PurgeAsync(null!, TestContext.Current.CancellationToken);
        await app.Function<RetentionPurgeFunction>().PurgeAsync(null!, TestContext.Current.CancellationToken);

        var rows = await RetentionData.RowsAsync(app.Tables.PurgeReports, "2026-12");
        Assert.Equal(14, rows.Count);
        Assert.Equal(2, rows.Select(row => row.GetString("RunId")).Distinct().Count());
        foreach (var run in rows.GroupBy(row => row.GetString("RunId")))
        {
            Assert.Equal(
                [PurgeKinds.ClientSalts, PurgeKinds.ExportFiles, PurgeKinds.IdempotencyRecords, PurgeKinds.PrivacyRequests, PurgeKinds.PromotionEntries, PurgeKinds.UnconfirmedSubmissions, PurgeKinds.UnmoderatedComments],
                run.Select(row => row.GetString("Kind")).Order(StringComparer.Ordinal));
        }

        foreach (var row in rows)
        {
            Assert.Equal(["Count", "Cutoff", "Kind", "RanAt", "RunId"], row.Keys.Where(key => key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order());
            Assert.EndsWith("~" + row.GetString("Kind"), row.RowKey, StringComparison.Ordinal);
            // The only thing to purge is the client salt of the day the app started on (a month ago), in the first run.
            var expected = row.GetString("Kind") == PurgeKinds.ClientSalts && row.RowKey[..20] == rows[^1].RowKey[..20] ? 1 : 0;
            Assert.Equal(expected, row.GetInt32("Count"));
        }

        // Newest first: the second run's rows sort before the first's.
        Assert.True(rows[0].GetDateTimeOffset("RanAt") > rows[^1].GetDateTimeOffset("RanAt"));
        var comments = Assert.Single(rows, row => row.GetString("Kind") == PurgeKinds.UnmoderatedComments && row.RowKey == rows[0].RowKey[..20] + PurgeKinds.UnmoderatedComments);
        Assert.Equal(comments.GetDateTimeOffset("RanAt")!.Value.AddDays(-30), comments.GetDateTimeOffset("Cutoff"));

        // Issue 17: each pending submission carries its own expiry, so what is due is what expired by the run.
        var unconfirmed = Assert.Single(rows, row => row.GetString("Kind") == PurgeKinds.UnconfirmedSubmissions && row.RowKey == rows[0].RowKey[..20] + PurgeKinds.UnconfirmedSubmissions);
        Assert.Equal(unconfirmed.GetDateTimeOffset("RanAt"), unconfirmed.GetDateTimeOffset("Cutoff"));
    }

    [Theory]
    [InlineData("Retention:UnmoderatedCommentDays")]
    [InlineData("Retention:PromotionEntryGraceDays")]
    [InlineData("Retention:IdempotencyHours")]
    [InlineData("Retention:ExportFileHours")]
    public async Task An_age_that_is_not_positive_fails_start_up(string setting)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { [setting] = "0" }, initializeStorage: false);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Retention", error.Message, StringComparison.Ordinal);
    }
}
