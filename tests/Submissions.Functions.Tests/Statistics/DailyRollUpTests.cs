using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Statistics;
using Submissions.Domain.Forms;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Tests.Retention;
using Submissions.Storage.Statistics;
using static Submissions.Functions.Tests.Statistics.StatisticsFunctionTests;

namespace Submissions.Functions.Tests.Statistics;

/// <summary>
/// Issue 18, goal 6: statistics come from one roll-up row per finished UTC day, written once after a grace past
/// midnight and never changed, so erasure and retention cannot move a counted day and a one-year call is a few reads.
/// </summary>
public sealed partial class DailyRollUpTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_day_is_rolled_up_once_after_its_grace_with_the_writes_stamped_before_midnight_and_never_changes()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        app.Time.SetUtcNow(Day1);
        await CommentsAsync(app, pageId, 11);
        app.Time.SetUtcNow(Midnight("2026-11-26").AddSeconds(-1));
        await CommentsAsync(app, pageId, 1); // stamped in the day's last second

        // Within the grace the day is not rolled up, and the route says it is not counted.
        app.Time.SetUtcNow(Midnight("2026-11-26").AddMinutes(30));
        await app.RollUpAsync();
        Assert.Null(await DayRowAsync(app, "2026-11-25"));
        var early = await app.StatsAsync("from=2026-11-25&to=2026-11-26");
        Assert.Equal(["2026-11-25"], early.Json.GetProperty("notCounted").EnumerateArray().Select(day => day.GetString()));
        Assert.Empty(Series(early.Json, "comment").GetProperty("days").EnumerateArray());

        app.Time.SetUtcNow(Midnight("2026-11-26").AddMinutes(70));
        await app.RollUpAsync();
        var written = await DayRowAsync(app, "2026-11-25");
        Assert.NotNull(written);
        var counted = await app.StatsAsync("from=2026-11-25&to=2026-11-26");
        Assert.Equal(12, Series(counted.Json, "comment").GetProperty("total").GetProperty("count").GetInt64());

        // A write stamped in the day that lands after its roll-up (beyond any grace), more runs, and a run that finds
        // no state (as after a crash between the rows and the state) leave the row exactly as it was written.
        await app.Tables.Comments.AddEntityAsync(
            new TableEntity(pageId, "receipt~late") { ["Form"] = FormKind.Comment, ["RecordedAt"] = Midnight("2026-11-26").AddMinutes(-5) },
            TestContext.Current.CancellationToken);
        app.Time.SetUtcNow(Midnight("2026-11-26").AddHours(3));
        await app.RollUpAsync();
        await app.Tables.DailyStatistics.DeleteEntityAsync(DailyStatisticsStore.StatePartition, DailyStatisticsStore.StateRowKey, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, await app.Services.GetRequiredService<StatisticsRollUp>().RunAsync(TestContext.Current.CancellationToken));

        var after = await DayRowAsync(app, "2026-11-25");
        Assert.Equal(written!.ETag, after!.ETag);
        Assert.Equal(counted.Body, (await app.StatsAsync("from=2026-11-25&to=2026-11-26")).Body);
    }

    [Fact]
    public async Task Erasure_and_retention_do_not_change_a_counted_day_so_two_reads_a_month_apart_give_no_count_away()
    {
        // 10 approved comments and 3 never moderated on one day: 13 published. Then one of the three is erased with its
        // author and, a month on, retention purges the other two. Counted from the live rows the day would now say 10,
        // and 13 − 10 = 3 would be "comments never moderated". From the roll-up both reads are the same.
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        app.Time.SetUtcNow(Day1);
        foreach (var comment in await CommentsAsync(app, pageId, 10))
        {
            Assert.Equal(200, (await app.ModerateAsync(comment, approve: true)).Status);
        }

        var erased = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(pageId, email: erased))).Status);
        await CommentsAsync(app, pageId, 2);
        app.Time.SetUtcNow(Day1.AddDays(1));
        await app.RollUpAsync();
        var first = await app.StatsAsync("from=2026-11-25&to=2026-11-26");
        Assert.Equal(13, Series(first.Json, "comment").GetProperty("total").GetProperty("count").GetInt64());

        Assert.Equal(200, (await app.EraseAsync(erased)).Status);
        app.Time.SetUtcNow(Day1.AddDays(32));
        await app.PurgeAsync();
        await app.RollUpAsync();
        var monthLater = await app.StatsAsync("from=2026-11-25&to=2026-11-26");

        var live = await app.Services.GetRequiredService<StatisticsReader>().ReadAsync(Midnight("2026-11-25"), Midnight("2026-11-26"), FormKind.All, TestContext.Current.CancellationToken);
        Assert.Equal(10, live.ReceiptsByForm[FormKind.Comment].Values.Sum());
        Assert.Equal(first.Body, monthLater.Body);
    }

    [Fact]
    public async Task A_one_year_call_costs_at_most_five_round_trips_across_two_year_partitions()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        foreach (var day in new[] { "2026-12-01", "2027-03-01", "2027-11-30" })
        {
            app.Time.SetUtcNow(Midnight(day).AddHours(9));
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()))).Status);
            }
        }

        app.Time.SetUtcNow(Midnight("2027-12-01").AddHours(2));
        await app.RollUpAsync();

        TestResponse? response = null;
        var roundTrips = await app.Requests.CountAsync(async () => response = await app.StatsAsync("from=2026-12-01&to=2027-12-01"));

        Assert.Equal(200, response!.Status);
        Assert.Equal(365, Series(response.Json, "registration").GetProperty("days").GetArrayLength());
        Assert.Equal(0, response.Json.GetProperty("notCounted").GetArrayLength());
        Assert.InRange(roundTrips, 1, 5); // two year partitions, the state, the catalog, the audit record
    }

    [Fact]
    public async Task Missed_days_are_caught_up_by_the_next_run_in_one_set_of_queries()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var rollUp = app.Services.GetRequiredService<StatisticsRollUp>();
        var pageId = CommentForms.NewPageId();
        app.Time.SetUtcNow(Day1);
        await CommentsAsync(app, pageId, 1);
        app.Time.SetUtcNow(Day1.AddDays(1));
        Assert.Equal(1, await rollUp.RunAsync(TestContext.Current.CancellationToken));

        // Three days without a run (the timer down), each with a comment.
        for (var day = 1; day <= 3; day++)
        {
            app.Time.SetUtcNow(Day1.AddDays(day).AddHours(1));
            await CommentsAsync(app, pageId, 1);
        }

        app.Time.SetUtcNow(Day1.AddDays(4));
        var added = 0;
        var roundTrips = await app.Requests.CountAsync(async () => added = await rollUp.RunAsync(TestContext.Current.CancellationToken));

        Assert.Equal(3, added);
        Assert.InRange(roundTrips, 1, 16); // the state, the twelve statistics queries, one transaction, the state again
        foreach (var day in new[] { "2026-11-26", "2026-11-27", "2026-11-28" })
        {
            Assert.NotNull(await DayRowAsync(app, day));
        }

        Assert.Equal(0, await rollUp.RunAsync(TestContext.Current.CancellationToken));
        var stats = await app.StatsAsync("from=2026-11-24&to=2026-11-29");
        Assert.Equal(["2026-11-24"], stats.Json.GetProperty("notCounted").EnumerateArray().Select(day => day.GetString())); // before the first roll-up
        Assert.Equal(4, Series(stats.Json, "comment").GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task The_roll_up_reads_no_personal_column_and_writes_counts_and_ids_only()
    {
        var queries = new ConcurrentBag<string>();
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            services: services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(new QueryRecorder(queries), HttpPipelinePosition.PerCall))));
        app.Time.SetUtcNow(Day1);
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), displayName: "Rolled Up Member"))).Status);
        Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), text: "A comment that must stay put.", email: RegistrationForms.NewEmail()))).Status);
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true, name: "Rolled Entrant"))).Status);
        var pollId = await app.CreatePollAsync();
        Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote("red", PollForms.NewVoterToken()))).Status);
        app.Time.SetUtcNow(Day1.AddDays(1));
        queries.Clear();

        await app.RollUpAsync();

        var dataQueries = queries.Where(uri => DataTable().IsMatch(uri)).ToList();
        Assert.NotEmpty(dataQueries);
        Assert.All(dataQueries, uri =>
        {
            var select = Uri.UnescapeDataString(uri);
            Assert.Contains("$select=", select, StringComparison.Ordinal);
            Assert.DoesNotMatch(PersonalColumn(), select[select.IndexOf("$select=", StringComparison.Ordinal)..]);
        });
        var rows = await app.Tables.DailyStatistics.RowsAsync();
        Assert.NotEmpty(rows);
        Assert.All(app.SubmittedPersonalValues, value => Assert.DoesNotContain(rows, row => row.Mentions(value)));
        Assert.DoesNotContain(rows, row => row.Mentions("@") || row.Select(pair => pair.Value).OfType<string>().Any(text => SubjectKey().IsMatch(text)));
    }

    private static async Task<List<string>> CommentsAsync(TestApp app, string pageId, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var response = await app.PostCommentAsync(CommentForms.Body(pageId, text: $"Comment number {i} of the day."));
            Assert.Equal(201, response.Status);
            ids.Add(response.Json.GetProperty("id").GetString()!);
        }

        return ids;
    }

    private static async Task<TableEntity?> DayRowAsync(TestApp app, string day)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var row = await app.Tables.DailyStatistics.GetEntityIfExistsAsync<TableEntity>(DailyStatisticsStore.PartitionOf(date), DailyStatisticsStore.RowKeyOf(date), cancellationToken: TestContext.Current.CancellationToken);
        return row.HasValue ? row.Value : null;
    }

    [GeneratedRegex(@"/t[0-9a-f]{10}(Subjects|Comments|Polls|Promotions)\(\)")]
    private static partial Regex DataTable();

    [GeneratedRegex(@"\b(Email|Name|DisplayName|Text|FieldsJson|DataJson|SubjectKey)\b")]
    private static partial Regex PersonalColumn();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex SubjectKey();

    /// <summary>Keeps the URI of every table query the app sends.</summary>
    private sealed class QueryRecorder(ConcurrentBag<string> queries) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Get)
            {
                queries.Add(message.Request.Uri.ToString());
            }
        }
    }
}
