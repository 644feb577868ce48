using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Comments;

/// <summary>Comments against Azurite: pending until approved, public fields only, newest first, paged, moderated.</summary>
public sealed class CommentFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_comment_is_stored_pending_with_its_consent_ledger_and_is_not_listed()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();

        var response = await app.PostCommentAsync(CommentForms.Body(pageId, email: RegistrationForms.NewEmail()));

        Assert.Equal(201, response.Status);
        Assert.Equal("pending", response.Json.GetProperty("status").GetString());
        Assert.Equal(2, response.Json.GetProperty("receipt").GetProperty("consents").GetArrayLength());
        var rows = await RowsOfPageAsync(app, pageId);
        var comment = Assert.Single(rows, row => row.RowKey.StartsWith("comment~", StringComparison.Ordinal));
        Assert.Equal("pending", comment.GetString("Status"));
        Assert.Matches("^[0-9a-f]{64}$", comment.GetString("SubjectKey"));
        Assert.Equal(2, rows.Count(row => row.RowKey.StartsWith("consent~", StringComparison.Ordinal)));
        Assert.Single(rows, row => row.RowKey.StartsWith("receipt~", StringComparison.Ordinal));
        Assert.Empty((await app.ListCommentsAsync(pageId)).Json.GetProperty("comments").EnumerateArray());
    }

    [Fact]
    public async Task Approved_comments_are_listed_newest_first_with_public_fields_only()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        var email = RegistrationForms.NewEmail();
        var first = await app.PostCommentAsync(CommentForms.Body(pageId, "First comment.", "Shown Name", email, CommentForms.Consents(showName: true)));
        var second = await app.PostCommentAsync(CommentForms.Body(pageId, "Second comment.", "Hidden Name", consents: CommentForms.Consents(showName: false)));
        var unapproved = await app.PostCommentAsync(CommentForms.Body(pageId, "Never approved."));
        await app.ModerateAsync(first.Json.GetProperty("id").GetString()!, approve: true);
        await app.ModerateAsync(second.Json.GetProperty("id").GetString()!, approve: true);

        var listing = await app.ListCommentsAsync(pageId);

        Assert.Equal(200, listing.Status);
        var comments = listing.Json.GetProperty("comments").EnumerateArray().ToList();
        Assert.Equal(["Second comment.", "First comment."], comments.Select(c => c.GetProperty("text").GetString()));
        Assert.False(comments[0].TryGetProperty("displayName", out _));
        Assert.Equal("Shown Name", comments[1].GetProperty("displayName").GetString());
        Assert.DoesNotContain(email, listing.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Hidden Name", listing.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(unapproved.Json.GetProperty("id").GetString()!, listing.Body, StringComparison.Ordinal);
        Assert.Equal(["createdAt", "displayName", "id", "text"], comments[1].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_listing_pages_with_a_continuation_token()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        for (var i = 0; i < 5; i++)
        {
            var posted = await app.PostCommentAsync(CommentForms.Body(pageId, $"Comment number {i}."));
            await app.ModerateAsync(posted.Json.GetProperty("id").GetString()!, approve: true);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = "?pageSize=2" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await app.ListCommentsAsync(pageId, query);
            Assert.Equal(200, page.Status);
            seen.AddRange(page.Json.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("text").GetString()!));
            token = page.Json.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"Comment number {i}."), seen);
        Assert.True(pages >= 3);
    }

    [Theory]
    [InlineData("?pageSize=0")]
    [InlineData("?pageSize=101")]
    [InlineData("?pageSize=ten")]
    [InlineData("?continuationToken=not*base64")]
    public async Task Bad_paging_is_400(string query)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.ListCommentsAsync(CommentForms.NewPageId(), query);

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
    }

    [Fact]
    public async Task Moderators_see_the_pending_queue_without_emails_and_decisions_are_idempotent()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var posted = await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "Please moderate me.", email: email));
        var id = posted.Json.GetProperty("id").GetString()!;

        var queue = await app.ModerationQueueAsync();
        Assert.Equal(200, queue.Status);
        Assert.Contains(queue.Json.GetProperty("comments").EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        Assert.DoesNotContain(email, queue.Body, StringComparison.OrdinalIgnoreCase);

        var rejected = await app.ModerateAsync(id, approve: false);
        var again = await app.ModerateAsync(id, approve: false);
        Assert.Equal("rejected", rejected.Json.GetProperty("status").GetString());
        Assert.Equal(200, again.Status);
        Assert.DoesNotContain((await app.ModerationQueueAsync()).Json.GetProperty("comments").EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        Assert.Contains((await app.ModerationQueueAsync("?status=rejected")).Json.GetProperty("comments").EnumerateArray(), c => c.GetProperty("id").GetString() == id);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("cGFnZXxjb21tZW50fm5vcGU")] // base64url of "page|comment~nope": not a row key this app writes
    [InlineData("cGEvZ2V8Y29tbWVudH54")] // base64url of "pa/ge|comment~x": a page id storage would refuse
    [InlineData("cGFnZXxjb21tZW50fjI1MTY1NDg3NDMyMTAwMDAwMDB-MDE5YTAwMDAwMDAwNzAwMDgwMDAwMDAwMDAwMDAwMDA")] // well-formed, absent
    public async Task Moderating_an_unknown_comment_is_404(string commentId)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.ModerateAsync(commentId, approve: true);

        Assert.Equal(404, response.Status);
        Assert.True(response.IsProblem);
    }

    [Fact]
    public async Task An_unknown_moderation_status_is_400()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        Assert.Equal(400, (await app.ModerationQueueAsync("?status=spam")).Status);
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_stores_one_comment()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        var body = CommentForms.Body(pageId);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        var first = await app.PostCommentAsync(body, headers);
        var retry = await app.PostCommentAsync(body, headers);
        var changed = await app.PostCommentAsync(CommentForms.Body(pageId, "Different text."), headers);

        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(422, changed.Status);
        Assert.Single(await RowsOfPageAsync(app, pageId), row => row.RowKey.StartsWith("comment~", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_comment_is_one_storage_round_trip_and_one_more_for_the_index_row_when_it_names_a_person()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId()));

        var anonymous = await app.Requests.CountAsync(() => app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId())));
        var withEmail = await app.Requests.CountAsync(() => app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), email: RegistrationForms.NewEmail())));

        Assert.Equal(1, anonymous);
        Assert.Equal(2, withEmail);
    }

    private static async Task<List<TableEntity>> RowsOfPageAsync(TestApp app, string pageId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in app.Tables.Comments.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pageId}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}
