using System.Text.Json;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Audit;

namespace Submissions.Functions.Tests.Statistics;

/// <summary>GET manage/stats against Azurite, with data sent through the real forms on days set by the app's clock.</summary>
public sealed class StatisticsFunctionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = Day1.AddDays(1);

    [Fact]
    public async Task A_day_of_nine_comments_is_suppressed_and_no_range_or_subtraction_gives_it_away()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        app.Time.SetUtcNow(Day1);
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(pageId, text: $"First day comment {i}", email: RegistrationForms.NewEmail()))).Status);
        }

        app.Time.SetUtcNow(Day2);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(pageId, text: $"Second day comment {i}", displayName: $"Writer {i:D2}"))).Status);
        }

        var both = await app.StatsAsync("from=2026-11-25&to=2026-11-27");

        Assert.Equal(200, both.Status);
        var comments = Series(both.Json, "comment");
        Assert.Equal(["2026-11-25", "2026-11-26"], comments.GetProperty("days").EnumerateArray().Select(day => day.GetProperty("date").GetString()));
        Assert.True(IsSuppressed(comments.GetProperty("days")[0].GetProperty("count")));
        Assert.Equal(12, comments.GetProperty("days")[1].GetProperty("count").GetProperty("count").GetInt64());
        Assert.True(IsSuppressed(comments.GetProperty("total")));

        // The differencing attack, across every range over these days: whatever is published, no difference of
        // published numbers (a range total minus visible days, one range minus another) is 9, and 21 (9 + 12, the
        // total that would give it away, also as the comment labels' answer counts) is published nowhere.
        var ranges = new[] { "from=2026-11-25&to=2026-11-26", "from=2026-11-26&to=2026-11-27", "from=2026-11-25&to=2026-11-27", "from=2026-11-24&to=2026-11-28" };
        var published = new List<long>();
        foreach (var range in ranges)
        {
            var response = await app.StatsAsync(range);
            Assert.Equal(200, response.Status);
            published.AddRange(Counts(response.Json));
            Assert.DoesNotContain(9L, Counts(response.Json));
            Assert.DoesNotContain(21L, Counts(response.Json));
        }

        Assert.DoesNotContain(9L, published.SelectMany(a => published.Select(b => a - b)));
        Assert.DoesNotContain(published, value => value is > 0 and < 10);
    }

    [Fact]
    public async Task Poll_totals_are_all_time_tallies_with_small_options_and_their_total_suppressed()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();
        app.Time.SetUtcNow(Day1);
        foreach (var (option, votes) in new[] { ("red", 12), ("green", 10), ("blue", 3) })
        {
            for (var i = 0; i < votes; i++)
            {
                Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote(option, PollForms.NewVoterToken()))).Status);
            }
        }

        // A range that holds none of the votes: the tallies are all-time, and the response says so.
        var response = await app.StatsAsync("from=2026-12-01&to=2026-12-02");

        Assert.Equal(200, response.Status);
        var polls = response.Json.GetProperty("polls");
        Assert.Equal("all-time", polls.GetProperty("scope").GetString());
        var poll = Assert.Single(polls.GetProperty("polls").EnumerateArray(), p => p.GetProperty("pollId").GetString() == pollId);
        var options = poll.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("optionId").GetString()!, o => o.GetProperty("votes"));
        Assert.Equal(12, options["red"].GetProperty("count").GetInt64());
        Assert.Equal(10, options["green"].GetProperty("count").GetInt64());
        Assert.True(IsSuppressed(options["blue"]));
        Assert.True(IsSuppressed(poll.GetProperty("totalVotes")));
    }

    [Fact]
    public async Task Promotion_entries_are_counted_and_deliveries_with_a_small_status_are_suppressed_together()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        app.Time.SetUtcNow(Day1);
        for (var i = 0; i < 22; i++)
        {
            var entry = PromotionForms.Entry(RegistrationForms.NewEmail(), share: i < 12, name: $"Entrant {i:D2} Person");
            Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, entry)).Status);
        }

        var response = await app.StatsAsync("from=2026-11-25&to=2026-11-26");

        Assert.Equal(200, response.Status);
        Assert.Equal(22, Series(response.Json, "promotion").GetProperty("total").GetProperty("count").GetInt64());
        var promotion = Assert.Single(response.Json.GetProperty("promotions").EnumerateArray());
        Assert.Equal(PromotionForms.DemoPromotion, promotion.GetProperty("promotionId").GetString());
        Assert.Equal(22, promotion.GetProperty("entries").GetProperty("count").GetInt64());

        // 10 not shared and 12 owed are large enough, but delivered, withdrawn and failed are 0: shown alone, the
        // split would still let entries minus the rest be computed, so all of it is suppressed.
        Assert.True(IsSuppressed(promotion.GetProperty("notShared")));
        Assert.All(promotion.GetProperty("deliveries").EnumerateObject(), status => Assert.True(IsSuppressed(status.Value)));
        Assert.Equal(["owed", "delivered", "withdrawn", "failed"], promotion.GetProperty("deliveries").EnumerateObject().Select(status => status.Name));
    }

    [Fact]
    public async Task Grant_rates_are_computed_from_published_counts_only_and_no_personal_value_is_returned()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        app.Time.SetUtcNow(Day1);
        for (var i = 0; i < 25; i++)
        {
            var body = RegistrationForms.Body(RegistrationForms.NewEmail(), displayName: $"Member {i:D2} Name", consents: RegistrationForms.Consents(offers: i < 15));
            Assert.Equal(201, (await app.PostAsync(body)).Status);
        }

        var response = await app.StatsAsync("from=2026-11-25&to=2026-11-26");

        Assert.Equal(200, response.Status);
        Assert.Equal(25, Series(response.Json, "registration").GetProperty("total").GetProperty("count").GetInt64());
        var consents = response.Json.GetProperty("consents").EnumerateArray().ToDictionary(c => c.GetProperty("labelId").GetString()!);
        var offers = consents["special-offers"];
        Assert.Equal(15, offers.GetProperty("granted").GetProperty("count").GetInt64());
        Assert.Equal(10, offers.GetProperty("declined").GetProperty("count").GetInt64());
        Assert.Equal(25, offers.GetProperty("answered").GetProperty("count").GetInt64());
        Assert.Equal(0.6, offers.GetProperty("grantRate").GetDouble());

        // Nobody granted demographics and everybody granted terms: 0 is a small count, so granted and declined are
        // suppressed together and no rate is given.
        foreach (var labelId in new[] { "demographics", "terms" })
        {
            Assert.True(IsSuppressed(consents[labelId].GetProperty("granted")));
            Assert.True(IsSuppressed(consents[labelId].GetProperty("declined")));
            Assert.Equal(25, consents[labelId].GetProperty("answered").GetProperty("count").GetInt64());
            Assert.False(consents[labelId].TryGetProperty("grantRate", out _));
        }

        Assert.NotEmpty(app.SubmittedPersonalValues);
        Assert.All(app.SubmittedPersonalValues, value => Assert.DoesNotContain(value, response.Body, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("@", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_request_is_audited_with_its_range()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var admin = Guid.NewGuid().ToString();

        var response = await app.StatsAsync("from=2026-11-01&to=2026-12-01", new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL-ID"] = admin });

        Assert.Equal(200, response.Status);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        var record = Assert.Single(await app.Tables.Audit.RowsAsync());
        Assert.Equal("statistics", record.GetString(nameof(AuditEntity.Action)));
        Assert.Equal("from=2026-11-01;to=2026-12-01", record.GetString(nameof(AuditEntity.Scope)));
        Assert.Equal(admin, record.GetString(nameof(AuditEntity.Actor)));
        Assert.Equal(30, response.Json.GetProperty("submissions")[0].GetProperty("days").GetArrayLength());
    }

    [Theory]
    [InlineData("", "from")]
    [InlineData("to=2026-12-01", "from")]
    [InlineData("from=2026-11-01", "to")]
    [InlineData("from=yesterday&to=2026-12-01", "from")]
    [InlineData("from=2026-13-01&to=2026-12-01", "from")]
    [InlineData("from=2026-11-01T10:00:00Z&to=2026-12-01", "from")]
    [InlineData("from=2026-12-01&to=2026-12-01", "to")]
    [InlineData("from=2026-12-02&to=2026-12-01", "to")]
    [InlineData("from=2025-01-01&to=2026-01-03", "to")]
    public async Task A_missing_malformed_empty_or_too_long_range_is_a_400_naming_the_field(string query, string field)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.StatsAsync(query);

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Contains(field, response.ErrorFields);
        Assert.Empty(await app.Tables.Audit.RowsAsync());
    }

    [Fact]
    public async Task A_utc_midnight_is_accepted_as_a_date_and_366_days_is_the_default_limit()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.StatsAsync("from=2025-12-01T00:00:00Z&to=2026-12-02T00:00:00%2B00:00");

        Assert.Equal(200, response.Status);
        Assert.Equal("2025-12-01", response.Json.GetProperty("from").GetString());
        Assert.Equal(366, Series(response.Json, "registration").GetProperty("days").GetArrayLength());
    }

    private static JsonElement Series(JsonElement stats, string form) =>
        Assert.Single(stats.GetProperty("submissions").EnumerateArray(), series => series.GetProperty("form").GetString() == form);

    private static bool IsSuppressed(JsonElement count) =>
        count.TryGetProperty("suppressed", out var suppressed) && suppressed.GetBoolean() && !count.TryGetProperty("count", out _);

    /// <summary>Every number the response publishes as a count.</summary>
    private static List<long> Counts(JsonElement element)
    {
        var counts = new List<long>();
        Collect(element, counts);
        return counts;
    }

    private static void Collect(JsonElement element, List<long> counts)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, counts);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "count" && property.Value.ValueKind == JsonValueKind.Number)
                {
                    counts.Add(property.Value.GetInt64());
                }

                Collect(property.Value, counts);
            }
        }
    }
}

internal static class StatisticsRequests
{
    public static async Task<TestResponse> StatsAsync(this TestApp app, string query, IDictionary<string, string>? headers = null)
    {
        var request = HttpExchange.Request("GET", "/api/manage/stats", contentType: null, query: "?" + query, headers: headers);
        return await app.Function<StatisticsFunctions>().GetAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }
}
