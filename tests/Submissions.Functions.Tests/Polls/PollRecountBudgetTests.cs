using System.Text.Json;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Polls;

/// <summary>
/// Issue 18, goal 1's tail: the read that claims a poll's recount waits for it only as long as
/// ReadCache:PollRecountWaitMilliseconds, then answers with the stored totals like every other reader; the recount
/// finishes on its own and the next read shows what it saved.
/// </summary>
public sealed class PollRecountBudgetTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_read_past_its_budget_answers_with_the_stored_totals_and_the_recount_lands_for_the_next_read()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["ReadCache:PollTotalsSeconds"] = "3600",
            ["ReadCache:PollRecountWaitMilliseconds"] = "0",
        });
        var pollId = await app.CreatePollAsync();
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote("red", PollForms.NewVoterToken()))).Status);
        }

        // The totals are due: this read claims the recount, and with no budget answers at once with what was stored.
        app.Time.Advance(TimeSpan.FromHours(1));
        var claiming = await app.ResultsAsync(pollId);
        Assert.Equal(200, claiming.Status);
        Assert.Null(TotalVotes(claiming));

        // The recount finishes without the read, saves and publishes on the poll row; reads within the period show it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var total = TotalVotes(await app.ResultsAsync(pollId));
        while (total is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The recount's totals did not reach a read within 10 seconds.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
            total = TotalVotes(await app.ResultsAsync(pollId));
        }

        Assert.Equal(30, total);
        await SubjectForms.WaitUntilAsync(() => app.Logs.GetSnapshot().Any(record => record.Id.Id == 1703));
    }

    /// <summary>The published total, or null while none is (the property is then left out).</summary>
    private static long? TotalVotes(TestResponse response) =>
        response.Json.TryGetProperty("totalVotes", out var total) && total.ValueKind == JsonValueKind.Number ? total.GetInt64() : null;
}
