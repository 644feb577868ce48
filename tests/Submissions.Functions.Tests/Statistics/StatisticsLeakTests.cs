using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Functions.Tests.Infrastructure;
using static Submissions.Functions.Tests.Statistics.StatisticsFunctionTests;

namespace Submissions.Functions.Tests.Statistics;

/// <summary>
/// Issue 14, defect 15: statistics leaked small counts through time and presence. Poll numbers were live all-time
/// tallies (two reads a day apart gave a suppressed day away, two reads minutes apart one person's vote), a promotion
/// was listed only when it had an entry in the range, and a minimum of 1 turned suppression off.
/// </summary>
public sealed class StatisticsLeakTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_poll_block_counts_the_votes_cast_in_the_range_the_same_whenever_it_is_asked()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        Assert.Equal(200, (await app.PutPollAsync("demo-poll", PollForms.Definition("closed", "privacy", "serverless", "testing"))).Status);
        var pollId = await app.CreatePollAsync();
        app.Time.SetUtcNow(Day1);
        await VoteAsync(app, pollId, ("red", 12), ("green", 10), ("blue", 10));

        // As of the range end: asked the day after, and again after more votes, the day's numbers do not move.
        app.Time.SetUtcNow(Day1.AddDays(1));
        await app.RollUpAsync();
        var first = await app.StatsAsync("from=2026-11-25&to=2026-11-26");
        await VoteAsync(app, pollId, ("blue", 3));
        app.Time.SetUtcNow(Day1.AddDays(2));
        await app.RollUpAsync();
        var again = await app.StatsAsync("from=2026-11-25&to=2026-11-26");
        var before = await app.StatsAsync("from=2026-11-20&to=2026-11-21");

        Assert.Equal(200, first.Status);
        Assert.Equal("range", first.Json.GetProperty("polls").GetProperty("scope").GetString());
        Assert.Equal(new Dictionary<string, long?> { ["red"] = 12, ["green"] = 10, ["blue"] = 10, ["total"] = 32 }, Poll(first, pollId));
        Assert.Equal(Poll(first, pollId), Poll(again, pollId));

        // A range with none of the counted votes: nothing from the all-time tallies leaks into it.
        Assert.All(Poll(before, pollId).Values, Assert.Null);
    }

    [Fact]
    public async Task A_day_with_a_small_option_hides_the_options_and_a_range_around_it_gives_nothing_away()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        Assert.Equal(200, (await app.PutPollAsync("demo-poll", PollForms.Definition("closed", "privacy", "serverless", "testing"))).Status);
        var pollId = await app.CreatePollAsync();
        app.Time.SetUtcNow(Day1);
        await VoteAsync(app, pollId, ("red", 12), ("green", 10), ("blue", 10));
        app.Time.SetUtcNow(Day1.AddDays(1));
        await VoteAsync(app, pollId, ("red", 3));

        app.Time.SetUtcNow(Day1.AddDays(2));
        await app.RollUpAsync();
        var dayOne = Poll(await app.StatsAsync("from=2026-11-25&to=2026-11-26"), pollId);
        var dayTwo = Poll(await app.StatsAsync("from=2026-11-26&to=2026-11-27"), pollId);
        var both = Poll(await app.StatsAsync("from=2026-11-25&to=2026-11-27"), pollId);

        Assert.Equal(32, dayOne["total"]);
        Assert.All(dayTwo.Values, Assert.Null);
        Assert.All(both.Values, Assert.Null);
    }

    [Fact]
    public async Task Public_results_are_hidden_below_the_minimum_and_then_move_only_in_steps_of_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();

        await VoteAsync(app, pollId, ("red", 9));
        var belowMinimum = await app.ResultsAsync(pollId);
        await VoteAsync(app, pollId, ("green", 1));
        var atMinimum = await app.ResultsAsync(pollId);
        await VoteAsync(app, pollId, ("blue", 1));
        var oneMore = await app.ResultsAsync(pollId);
        await VoteAsync(app, pollId, ("blue", 9));
        var nextStep = await app.ResultsAsync(pollId);

        Assert.Equal(200, belowMinimum.Status);
        Assert.False(belowMinimum.Json.TryGetProperty("totalVotes", out _));
        Assert.All(belowMinimum.Json.GetProperty("options").EnumerateArray(), option => Assert.False(option.TryGetProperty("votes", out _)));
        Assert.Equal(10, belowMinimum.Json.GetProperty("resultsStep").GetInt32());
        Assert.Equal(new Dictionary<string, long> { ["red"] = 9, ["green"] = 1, ["blue"] = 0 }, atMinimum.Votes());
        Assert.Equal(10, atMinimum.Json.GetProperty("totalVotes").GetInt64());
        Assert.Equal(atMinimum.Body, oneMore.Body); // The vote cast between the two reads is not visible.
        Assert.Equal(new Dictionary<string, long> { ["red"] = 9, ["green"] = 1, ["blue"] = 10 }, nextStep.Votes());
        Assert.Equal(20, nextStep.Json.GetProperty("totalVotes").GetInt64());
    }

    [Fact]
    public async Task Every_defined_promotion_is_listed_whether_or_not_it_took_entries_in_the_range()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        app.Time.SetUtcNow(Day1);
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: false))).Status);

        // The demo promotion runs on both days; its one entry is on the first. Closed ranges elsewhere list it too.
        app.Time.SetUtcNow(Day1.AddDays(2));
        await app.RollUpAsync();
        foreach (var range in new[] { "from=2026-11-25&to=2026-11-26", "from=2026-11-26&to=2026-11-27", "from=2020-01-01&to=2020-01-02" })
        {
            var response = await app.StatsAsync(range);
            Assert.Equal(200, response.Status);
            var promotion = Assert.Single(response.Json.GetProperty("promotions").EnumerateArray(), p => p.GetProperty("promotionId").GetString() == PromotionForms.DemoPromotion);
            Assert.True(IsSuppressed(promotion.GetProperty("entries")));
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("4")]
    [InlineData("0")]
    public async Task A_minimum_below_the_floor_stops_start_up(string minimum)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Statistics:MinimumCount"] = minimum }, initializeStorage: false);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Statistics:MinimumCount must be at least 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_minimum_at_the_floor_starts()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Statistics:MinimumCount"] = "5" }, initializeStorage: false);

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static async Task VoteAsync(TestApp app, string pollId, params (string Option, int Votes)[] votes)
    {
        foreach (var (option, count) in votes)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote(option, PollForms.NewVoterToken()))).Status);
            }
        }
    }

    /// <summary>The poll's published option counts and total (null when suppressed).</summary>
    private static Dictionary<string, long?> Poll(TestResponse stats, string pollId)
    {
        var poll = Assert.Single(stats.Json.GetProperty("polls").GetProperty("polls").EnumerateArray(), p => p.GetProperty("pollId").GetString() == pollId);
        var counts = poll.GetProperty("options").EnumerateArray().ToDictionary(
            option => option.GetProperty("optionId").GetString()!,
            option => IsSuppressed(option.GetProperty("votes")) ? null : (long?)option.GetProperty("votes").GetProperty("count").GetInt64());
        counts["total"] = IsSuppressed(poll.GetProperty("totalVotes")) ? null : poll.GetProperty("totalVotes").GetProperty("count").GetInt64();
        return counts;
    }
}
