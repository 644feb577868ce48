using System.Text.Json;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Timers;
using Submissions.Storage.Audit;

namespace Submissions.Functions.Tests.Statistics;

/// <summary>GET manage/stats against Azurite, with data sent through the real forms on days set by the app's clock.</summary>
public sealed class StatisticsFunctionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = Day1.AddDays(1);
    private static readonly string[] PromotionForm = ["promotion"];
    private static readonly string[] EmailOnly = ["email"];
    private static readonly string[] LabelCounts = ["granted", "declined", "answered"];

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

        app.Time.SetUtcNow(Midnight("2026-11-28"));
        await app.RollUpAsync();
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
    public async Task Promotion_entries_are_counted_and_deliveries_with_a_small_status_are_suppressed_together()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        app.Time.SetUtcNow(Day1);
        for (var i = 0; i < 22; i++)
        {
            var entry = PromotionForms.Entry(RegistrationForms.NewEmail(), share: i < 12, name: $"Entrant {i:D2} Person");
            Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, entry)).Status);
        }

        app.Time.SetUtcNow(Day2);
        await app.RollUpAsync();
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

        app.Time.SetUtcNow(Day2);
        await app.RollUpAsync();
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
        app.Time.SetUtcNow(Midnight("2026-12-01"));

        var response = await app.StatsAsync("from=2026-11-01&to=2026-12-01", new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL-ID"] = admin });

        Assert.Equal(200, response.Status);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        var record = Assert.Single(await app.Tables.Audit.RowsAsync());
        Assert.Equal("statistics", record.GetString(nameof(AuditEntity.Action)));
        Assert.Equal("from=2026-11-01;to=2026-12-01", record.GetString(nameof(AuditEntity.Scope)));
        Assert.Equal(admin, record.GetString(nameof(AuditEntity.Actor)));
        // Nothing is rolled up in this app: every day of the range is named as not counted, and no day has a cell.
        Assert.Equal(0, response.Json.GetProperty("submissions")[0].GetProperty("days").GetArrayLength());
        Assert.Equal(30, response.Json.GetProperty("notCounted").GetArrayLength());
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
    [InlineData("from=2026-12-01&to=2026-12-03", "to")]
    [InlineData("from=2026-12-01&to=2026-12-02", "to")]
    public async Task A_missing_malformed_empty_too_long_or_unfinished_range_is_a_400_naming_the_field(string query, string field)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        app.Time.SetUtcNow(Midnight("2026-12-01").AddHours(12));

        var response = await app.StatsAsync(query);

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Contains(field, response.ErrorFields);
        Assert.Empty(await app.Tables.Audit.RowsAsync());
    }

    [Fact]
    public async Task A_utc_midnight_is_accepted_as_a_date_and_366_days_is_the_default_limit()
    {
        // A registration on the range's first day; the first roll-up, past the grace after the range's last day,
        // rolls up every day since (two year partitions), so all 366 days are counted.
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        app.Time.SetUtcNow(Midnight("2026-12-01").AddHours(9));
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()))).Status);
        app.Time.SetUtcNow(Midnight("2027-12-02").AddHours(2));
        await app.RollUpAsync();

        var response = await app.StatsAsync("from=2026-12-01T00:00:00Z&to=2027-12-02T00:00:00%2B00:00");

        Assert.Equal(200, response.Status);
        Assert.Equal("2026-12-01", response.Json.GetProperty("from").GetString());
        Assert.Equal(366, Series(response.Json, "registration").GetProperty("days").GetArrayLength());
        Assert.Equal(0, response.Json.GetProperty("notCounted").GetArrayLength());
    }

    [Fact]
    public async Task Statistics_cover_finished_days_only_so_today_is_refused_until_it_is_over()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        app.Time.SetUtcNow(Midnight("2026-11-25").AddMinutes(-1));

        var today = await app.StatsAsync("from=2026-11-24&to=2026-11-25");
        var finished = await app.StatsAsync("from=2026-11-23&to=2026-11-24");
        app.Time.SetUtcNow(Midnight("2026-11-25"));
        var over = await app.StatsAsync("from=2026-11-24&to=2026-11-25");

        Assert.Equal(400, today.Status);
        Assert.True(today.IsProblem);
        Assert.Equal(["to"], today.ErrorFields);
        Assert.Contains("statistics cover finished days only", today.ErrorsText, StringComparison.Ordinal);
        Assert.Equal(200, finished.Status);
        Assert.Equal(200, over.Status);
    }

    [Fact]
    public async Task A_sharing_label_asked_on_one_promotion_does_not_give_the_other_promotions_entries_away()
    {
        // The review's example: 52 entries to the demo promotion (whose sharing label is asked there only) and 3 to
        // another: the promotion form's 55 is published, so the demo sharing label's 52 answers would leave 3.
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        Assert.Equal(201, (await app.PutPartnerAsync("other-partner", new { name = "Other Ltd", webhookUrl = "https://partner.example/hook", fields = EmailOnly, active = true })).Status);
        Assert.Equal(201, (await new ConsentLabelAdmin(app).PutAsync("other-sharing", "Share my email with other-partner.", false, PromotionForm, EmailOnly, "partner-sharing", "other-partner")).Status);
        Assert.Equal(201, (await app.PutPromotionAsync("other-promotion", PromotionForms.Promotion("other-partner", "other-sharing", startsAt: app.Time.GetUtcNow().AddDays(-1), endsAt: app.Time.GetUtcNow().AddYears(1)))).Status);
        app.Time.SetUtcNow(Day1);
        for (var i = 0; i < 52; i++)
        {
            Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: i < 30))).Status);
        }

        for (var i = 0; i < 3; i++)
        {
            var entry = PromotionForms.Entry(RegistrationForms.NewEmail(), share: false, consents: PromotionForms.Consents(false, sharingLabel: "other-sharing"));
            Assert.Equal(201, (await app.EnterAsync("other-promotion", entry)).Status);
        }

        app.Time.SetUtcNow(Day2);
        await app.RollUpAsync();
        var response = await app.StatsAsync("from=2026-11-25&to=2026-11-26");

        Assert.Equal(200, response.Status);
        Assert.Equal(55, Series(response.Json, "promotion").GetProperty("total").GetProperty("count").GetInt64());
        Assert.All(response.Json.GetProperty("promotions").EnumerateArray(), promotion => Assert.True(IsSuppressed(promotion.GetProperty("entries"))));
        var consents = response.Json.GetProperty("consents").EnumerateArray().ToDictionary(c => c.GetProperty("labelId").GetString()!);
        foreach (var labelId in new[] { "demo-partner-sharing", "other-sharing" })
        {
            Assert.All(LabelCounts, count => Assert.True(IsSuppressed(consents[labelId].GetProperty(count))));
            Assert.False(consents[labelId].TryGetProperty("grantRate", out _));
        }

        Assert.Equal(55, consents["promotion-terms"].GetProperty("answered").GetProperty("count").GetInt64());
        var published = Counts(response.Json);
        Assert.DoesNotContain(3L, published.SelectMany(a => published.Select(b => a - b)));
    }

    [Fact]
    public async Task No_two_overlapping_ranges_difference_out_a_day_of_three_grants()
    {
        // Registrations on three days, 24, 20 and 30, with 12, 3 and 14 granting special offers. Range totals of
        // grants would give day 2's 3 away (days 1-2: 15, minus day 1: 12). Every count that may be published here
        // is even, so a difference of 3 can only be that leak.
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        foreach (var (day, registrations, grants) in new[] { (Day1, 24, 12), (Day2, 20, 3), (Day2.AddDays(1), 30, 14) })
        {
            app.Time.SetUtcNow(day);
            for (var i = 0; i < registrations; i++)
            {
                var body = RegistrationForms.Body(RegistrationForms.NewEmail(), displayName: $"Member {i:D2} Name", consents: RegistrationForms.Consents(offers: i < grants));
                Assert.Equal(201, (await app.PostAsync(body)).Status);
            }
        }

        app.Time.SetUtcNow(Midnight("2026-11-29"));
        await app.RollUpAsync();
        string[] bounds = ["2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28"];
        var published = new List<long>();
        for (var from = 0; from < bounds.Length; from++)
        {
            for (var to = from + 1; to < bounds.Length; to++)
            {
                var response = await app.StatsAsync($"from={bounds[from]}&to={bounds[to]}");
                Assert.Equal(200, response.Status);
                published.AddRange(Counts(response.Json));
            }
        }

        // Days 1 and 3 alone, and nothing that spans day 2, publish the grants.
        var day3 = await app.StatsAsync("from=2026-11-27&to=2026-11-28");
        var offers = Assert.Single(day3.Json.GetProperty("consents").EnumerateArray(), c => c.GetProperty("labelId").GetString() == "special-offers");
        Assert.Equal(14, offers.GetProperty("granted").GetProperty("count").GetInt64());
        var spanning = await app.StatsAsync("from=2026-11-25&to=2026-11-28");
        offers = Assert.Single(spanning.Json.GetProperty("consents").EnumerateArray(), c => c.GetProperty("labelId").GetString() == "special-offers");
        Assert.True(IsSuppressed(offers.GetProperty("granted")));
        Assert.Equal(74, offers.GetProperty("answered").GetProperty("count").GetInt64());

        Assert.Contains(12L, published);
        Assert.DoesNotContain(published, value => value is >= 0 and < 10);
        Assert.DoesNotContain(3L, published.SelectMany(a => published.Select(b => a - b)));
    }

    internal static DateTimeOffset Midnight(string date) => new(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    internal static JsonElement Series(JsonElement stats, string form) =>
        Assert.Single(stats.GetProperty("submissions").EnumerateArray(), series => series.GetProperty("form").GetString() == form);

    internal static bool IsSuppressed(JsonElement count) =>
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
    /// <summary>Runs the daily roll-up timer as the host would: GET manage/stats counts only days it has rolled up.</summary>
    public static Task RollUpAsync(this TestApp app) =>
        app.Function<StatisticsRollUpFunction>().RollUpAsync(null!, TestContext.Current.CancellationToken);

    public static async Task<TestResponse> StatsAsync(this TestApp app, string query, IDictionary<string, string>? headers = null)
    {
        var request = HttpExchange.Request("GET", "/api/manage/stats", contentType: null, query: "?" + query, headers: headers);
        return await app.Function<StatisticsFunctions>().GetAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }
}
