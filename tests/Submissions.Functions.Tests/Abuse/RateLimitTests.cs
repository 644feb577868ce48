using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Abuse;

public sealed class RateLimitTests(AzuriteFixture azurite)
{
    private const string DemoPollId = "demo-poll";

    private static Dictionary<string, string> From(string forwardedFor) => new() { ["X-Forwarded-For"] = forwardedFor };

    [Fact]
    public async Task Each_form_has_its_own_budget()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["RateLimits:PermitsPerWindow"] = "1" });
        var client = From("203.0.113.30");

        var registration = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), client);
        var comment = await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId()), client);
        var vote = await app.VoteAsync(DemoPollId, PollForms.Vote("privacy", PollForms.NewVoterToken()), client);
        var entry = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: false), client);
        var secondComment = await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId()), client);

        Assert.Equal([201, 201, 201, 201], new[] { registration.Status, comment.Status, vote.Status, entry.Status });
        Assert.Equal(429, secondComment.Status);
    }

    [Fact]
    public async Task A_client_over_the_limit_gets_429_with_Retry_After_and_nothing_is_stored()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["RateLimits:PermitsPerWindow"] = "3" });

        var accepted = new List<TestResponse>();
        for (var i = 0; i < 3; i++)
        {
            accepted.Add(await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), From("203.0.113.10")));
        }

        var email = RegistrationForms.NewEmail();
        var limited = await app.PostAsync(RegistrationForms.Body(email), From("203.0.113.10"));
        var otherClient = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), From("203.0.113.11"));

        Assert.All(accepted, response => Assert.Equal(201, response.Status));
        Assert.Equal(429, limited.Status);
        Assert.True(limited.IsProblem);
        Assert.InRange(int.Parse(limited.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Empty(await app.RowsOfAsync(email));
        Assert.Equal(201, otherClient.Status);
    }

    [Fact]
    public async Task Varying_the_spoofable_part_of_X_Forwarded_For_does_not_escape_the_limit()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["RateLimits:PermitsPerWindow"] = "2" });

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), From($"10.0.0.{i}, 203.0.113.20"))).Status);
        }

        Assert.Equal([201, 201, 429, 429], statuses);
    }

    [Fact]
    public async Task No_client_address_is_written_to_any_table_or_log()
    {
        const string address = "203.0.113.77";
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["RateLimits:PermitsPerWindow"] = "2" });

        for (var i = 0; i < 3; i++)
        {
            await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), From(address));
            await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), email: RegistrationForms.NewEmail()), From(address));
            await app.VoteAsync(DemoPollId, PollForms.Vote("privacy", PollForms.NewVoterToken(), RegistrationForms.NewEmail()), From(address));
            await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: true), From(address));
        }

        foreach (var table in app.Tables.All)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
            {
                var text = string.Join('|', row.Select(pair => $"{pair.Key}={pair.Value}"));
                Assert.DoesNotContain(address, text, StringComparison.Ordinal);
            }
        }

        var queue = app.Services.GetRequiredService<Submissions.Storage.Queues.SubmissionsQueues>().PartnerDeliveries;
        foreach (var message in (await queue.PeekMessagesAsync(32, TestContext.Current.CancellationToken)).Value)
        {
            Assert.DoesNotContain(address, message.Body.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(app.Logs.GetSnapshot(), record => TestApp.LogText(record).Contains(address, StringComparison.Ordinal));
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Message.Contains("rate-limited", StringComparison.Ordinal));
    }
}
