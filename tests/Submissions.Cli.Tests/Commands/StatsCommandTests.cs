using Microsoft.Extensions.DependencyInjection;
using Submissions.Cli.Tests.Infrastructure;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Statistics;

namespace Submissions.Cli.Tests.Commands;

/// <summary>
/// `stats`: the API publishes finished days' roll-ups only (written by the hourly timer from the app's clock), so the
/// test stores two past days' roll-ups through the app's own store, then checks the table shows their numbers, with a
/// small count suppressed.
/// </summary>
public sealed class StatsCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_table_shows_the_published_counts_and_suppresses_small_ones()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (first, second) = (today.AddDays(-3), today.AddDays(-2));
        var store = host.Host.AppServices.GetRequiredService<DailyStatisticsStore>();
        await store.AddDaysAsync([Day(first, comments: 12, registrations: 3), Day(second, comments: 15, registrations: 11)], TestContext.Current.CancellationToken);
        await store.WriteStateAsync(new RollUpState(today.AddDays(-1), RollUpDefinitions.None, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        var range = new[] { "--from", first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "--to", today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };

        var table = await host.RunAsync(["stats", .. range]);

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("counts below 10 are suppressed", table.Out, StringComparison.Ordinal);
        Assert.Matches(@"│\s*comment\s*│\s*12\s*│\s*15\s*│\s*27\s*│", table.Out);
        Assert.Matches(@"│\s*registration\s*│\s*suppressed\s*│", table.Out);
        var json = await host.RunJsonAsync(["stats", .. range]);
        var comments = json.GetProperty("submissions").EnumerateArray().Single(series => series.GetProperty("form").GetString() == "comment");
        Assert.Equal(27, comments.GetProperty("total").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_range_the_api_refuses_shows_its_field_error()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var result = await host.RunAsync("stats", "--from", "2026-13-01", "--to", "2026-01-01");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"│\s*from\s*│", result.Error);
    }

    private static DayRollUp Day(DateOnly day, long comments, long registrations) => new(
        day,
        new Dictionary<string, long> { ["comment"] = comments, ["registration"] = registrations },
        [],
        [],
        [],
        DateTimeOffset.UtcNow);
}
