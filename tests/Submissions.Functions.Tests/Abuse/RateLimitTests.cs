using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Abuse;

public sealed class RateLimitTests(AzuriteFixture azurite)
{
    private const string DemoPollId = "demo-poll";

    private const string FrontDoorId = "0f0e0d0c-0b0a-4908-8706-050403020100";

    /// <summary>A request from this client as the Functions host forwards it: the client is the remote address it saw.</summary>
    private static HostForwarded From(string remoteAddress) => new(remoteAddress);

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
    public async Task Address_headers_a_client_sends_itself_do_not_escape_the_limit()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["RateLimits:PermitsPerWindow"] = "2" });

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var spoofed = new HostForwarded("203.0.113.20") { ["X-Azure-ClientIP"] = $"10.0.0.{i}", ["X-Client-IP"] = $"10.0.1.{i}" };
            statuses.Add((await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), spoofed)).Status);
        }

        Assert.Equal([201, 201, 429, 429], statuses);
    }

    [Fact]
    public async Task Behind_Front_Door_each_client_has_its_own_budget_and_a_request_without_our_id_shares_the_edge_address()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["RateLimits:PermitsPerWindow"] = "1",
            ["RateLimits:FrontDoorId"] = FrontDoorId,
        });
        const string edge = "147.243.0.10";

        // Many clients reach the app through the same few Front Door addresses.
        var first = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), new HostForwarded(edge).ThroughFrontDoor(FrontDoorId, "198.51.100.1"));
        var second = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), new HostForwarded(edge).ThroughFrontDoor(FrontDoorId, "198.51.100.2"));
        var firstAgain = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), new HostForwarded(edge).ThroughFrontDoor(FrontDoorId, "198.51.100.1"));

        // A client-sent X-Forwarded-For (Front Door's X-Azure-ClientIP) buys no fresh budget.
        var spoofed = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), new HostForwarded(edge).ThroughFrontDoor(FrontDoorId, "198.51.100.1", clientSaidForwardedFor: "192.0.2.77"));

        // Another profile's id, or none: X-Azure-SocketIP is anyone's to write, so the edge address is the client.
        var foreign = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), new HostForwarded(edge).ThroughFrontDoor("6f0e0d0c-0b0a-4908-8706-050403020100", "198.51.100.3"));
        var missing = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), new HostForwarded(edge) { ["X-Azure-SocketIP"] = "198.51.100.4" });

        Assert.Equal([201, 201, 429, 429], new[] { first.Status, second.Status, firstAgain.Status, spoofed.Status });
        Assert.Equal([201, 429], new[] { foreign.Status, missing.Status });
    }

    [Fact]
    public async Task A_Front_Door_id_that_is_not_a_GUID_stops_the_app_at_start()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["RateLimits:FrontDoorId"] = "not-a-guid" }, initializeStorage: false);

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());

        Assert.Contains("FrontDoorId", error.Message, StringComparison.Ordinal);
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

    [Fact]
    public async Task No_log_line_carries_any_part_of_a_client_key()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["RateLimits:PermitsPerWindow"] = "1" });

        await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), From("203.0.113.90"));
        var limited = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), From("203.0.113.90"));

        // A key is 32 hex characters; 8 of them (32 bits) were logged, enough with the pepper to find the address.
        Assert.Equal(429, limited.Status);
        var record = Assert.Single(app.Logs.GetSnapshot(), record => record.Message.Contains("rate-limited", StringComparison.Ordinal));
        Assert.DoesNotMatch("[0-9a-f]{6,}", TestApp.LogText(record));
    }
}
