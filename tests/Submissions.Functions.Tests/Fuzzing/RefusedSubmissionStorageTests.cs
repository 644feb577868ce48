using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// Regressions found by the fuzzer: a refused submission — a duplicate voter or entrant, a retried or reused
/// Idempotency-Key — wrote the person's index row (ref~) before its transaction was refused. It left a row about a
/// person whose submission was never stored, or rewrote the row of their earlier one.
/// </summary>
public sealed class RefusedSubmissionStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_vote_refused_because_its_token_voted_stores_nothing_for_its_email()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var token = PollForms.NewVoterToken();
        var second = RegistrationForms.NewEmail();

        Assert.Equal(201, (await app.VoteAsync("demo-poll", PollForms.Vote("privacy", token, RegistrationForms.NewEmail()))).Status);
        var refused = await app.VoteAsync("demo-poll", PollForms.Vote("privacy", token, second));

        Assert.Equal(409, refused.Status);
        Assert.Empty(await app.RowsOfAsync(second));
    }

    [Fact]
    public async Task A_vote_refused_as_a_duplicate_leaves_the_first_vote_s_index_row_as_it_was()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.VoteAsync("demo-poll", PollForms.Vote("privacy", PollForms.NewVoterToken(), email))).Status);
        var before = await TagsAsync(app, email);

        Assert.Equal(409, (await app.VoteAsync("demo-poll", PollForms.Vote("testing", PollForms.NewVoterToken(), email))).Status);

        Assert.Equal(before, await TagsAsync(app, email));
    }

    [Fact]
    public async Task A_vote_that_reuses_a_key_for_another_voter_stores_nothing_for_its_email()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var second = RegistrationForms.NewEmail();

        Assert.Equal(201, (await app.VoteAsync("demo-poll", PollForms.Vote("privacy", PollForms.NewVoterToken(), RegistrationForms.NewEmail()), key)).Status);
        var reused = await app.VoteAsync("demo-poll", PollForms.Vote("privacy", PollForms.NewVoterToken(), second), key);

        Assert.Equal(422, reused.Status);
        Assert.Empty(await app.RowsOfAsync(second));
    }

    [Fact]
    public async Task An_entry_refused_for_a_reused_key_or_dropped_as_a_duplicate_leaves_no_index_row()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var first = RegistrationForms.NewEmail();
        var second = RegistrationForms.NewEmail();

        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(first, share: false), key)).Status);
        var before = await TagsAsync(app, first);
        var reused = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(second, share: false), key);
        // Issue 17: a second entry by the same email is answered like any entry and dropped when confirmed.
        var duplicate = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(first, share: true), confirm: false);
        var pending = await app.PendingRowAsync(app.Tables.Promotions, PromotionForms.DemoPromotion, duplicate.Json.GetProperty("id").GetString()!);
        var dropped = await app.ConfirmAsync(pending!.GetString("ConfirmationId")!);

        Assert.Equal(422, reused.Status);
        Assert.Equal(201, duplicate.Status);
        Assert.Equal("already-entered", dropped.Json.GetProperty("status").GetString());
        Assert.Empty(await app.RowsOfAsync(second));
        // The dropped entry's index row is gone and nothing else of the person changed, but the index row of the entry
        // the confirmation tried to add: it is upserted before the transaction (so an erasure sees it in flight), the same row.
        var after = await TagsAsync(app, first);
        Assert.Equal(before.Select(KeyOf), after.Select(KeyOf));
        var entryIndexRow = "ref~" + "promotion-entry~";
        Assert.Equal(before.Where(tag => !tag.StartsWith(entryIndexRow, StringComparison.Ordinal)), after.Where(tag => !tag.StartsWith(entryIndexRow, StringComparison.Ordinal)));
    }

    private static string KeyOf(string tag) => tag[..tag.IndexOf(' ', StringComparison.Ordinal)];

    [Fact]
    public async Task A_replayed_or_reused_comment_key_writes_no_index_row()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var page = CommentForms.NewPageId();
        var first = RegistrationForms.NewEmail();
        var second = RegistrationForms.NewEmail();
        var body = CommentForms.Body(page, email: first);

        Assert.Equal(201, (await app.PostCommentAsync(body, key)).Status);
        var before = await TagsAsync(app, first);
        var replayed = await app.PostCommentAsync(body, key);
        var reused = await app.PostCommentAsync(CommentForms.Body(page, email: second), key);

        Assert.Equal("true", replayed.Headers["Idempotent-Replayed"].ToString());
        Assert.Equal(422, reused.Status);
        Assert.Equal(before, await TagsAsync(app, first));
        Assert.Empty(await app.RowsOfAsync(second));
    }

    /// <summary>The person's rows with their ETags: any rewrite shows.</summary>
    private static async Task<List<string>> TagsAsync(TestApp app, string email) =>
        [.. (await app.RowsOfAsync(email)).Select(row => $"{row.RowKey} {row.ETag}").Order(StringComparer.Ordinal)];
}
