using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Comments;

/// <summary>
/// Issue 18: a comment with an Idempotency-Key cost 3 round trips when it named a person — the key's record read, the
/// index row, the transaction. The read is gone: the transaction's Add of the record finds a retry, and only then is the
/// settled answer read. A retry still stores nothing new and replays the first answer.
/// </summary>
public sealed class CommentRoundTripTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_comment_with_a_key_is_one_round_trip_and_two_when_it_names_a_person()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId())); // Loads the consent catalog.

        var anonymous = await app.Requests.CountAsync(async () =>
            Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId()), NewKey())).Status));
        var withEmail = await app.Requests.CountAsync(async () =>
            Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), email: RegistrationForms.NewEmail()), NewKey())).Status));

        // The page's transaction (comment, receipt, consent records, key's record).
        Assert.Equal(1, anonymous);
        // The person's index row (it must exist before the comment does, for erasure to find it), then the transaction.
        Assert.Equal(2, withEmail);
    }

    [Fact]
    public async Task A_retried_comment_naming_a_person_replays_and_leaves_no_new_row_anywhere()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var page = CommentForms.NewPageId();
        var email = RegistrationForms.NewEmail();
        var body = CommentForms.Body(page, email: email);
        var key = NewKey();
        var first = await app.PostCommentAsync(body, key);
        var pageRows = await RowsOfPageAsync(app, page);
        var personRows = await RowKeysOfAsync(app, email);

        TestResponse? retry = null;
        var trips = await app.Requests.CountAsync(async () => retry = await app.PostCommentAsync(body, key));

        Assert.Equal(201, first.Status);
        Assert.Equal(first.Body, retry!.Body);
        Assert.Equal("true", retry.Headers["Idempotent-Replayed"].ToString());
        Assert.Equal(pageRows, await RowsOfPageAsync(app, page));
        Assert.Equal(personRows, await RowKeysOfAsync(app, email));
        // The attempt's index row, the transaction refused by the key's record, the record read for the first answer,
        // the attempt's index row taken back: a retry pays for what a first comment no longer reads.
        Assert.Equal(4, trips);
    }

    private static Dictionary<string, string> NewKey() => new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

    /// <summary>Every row of the page with its ETag: a rewrite shows as well as an addition.</summary>
    private static async Task<List<string>> RowsOfPageAsync(TestApp app, string pageId)
    {
        var rows = new List<string>();
        await foreach (var row in app.Tables.Comments.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pageId}")))
        {
            rows.Add($"{row.RowKey} {row.ETag}");
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> RowKeysOfAsync(TestApp app, string email) =>
        [.. (await app.RowsOfAsync(email)).Select(row => $"{row.RowKey} {row.ETag}").Order(StringComparer.Ordinal)];
}
