using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Comments;

/// <summary>Every class of bad comment input: a clear problem+json answer and nothing stored.</summary>
public sealed class CommentRejectionTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string> InvalidBodies { get; } = new()
    {
        { """{"displayName":"Name","text":"Hi there","consents":[]}""", "pageId" },
        { """{"pageId":"bad page/id","displayName":"Name","text":"Hi there","consents":[]}""", "pageId" },
        { """{"pageId":"p1","text":"Hi there","consents":[]}""", "displayName" },
        { """{"pageId":"p1","displayName":"Name","consents":[]}""", "text" },
        { """{"pageId":"p1","displayName":"Name","text":"   ","consents":[]}""", "text" },
        { """{"pageId":"p1","displayName":"Name","text":"bell\u0007","consents":[]}""", "text" },
        { """{"pageId":"p1","displayName":"Name","text":"spoof\u202Etxt","consents":[]}""", "text" },
        { """{"pageId":"p1","displayName":"Name","email":"not-an-email","text":"Hi there","consents":[]}""", "email" },
        { """{"pageId":"p1","displayName":"Name","text":"Hi there"}""", "consents" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Each_validation_rule_names_its_field(string body, string field)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await PostRawAsync(app, body);

        Assert.Equal(400, response.Status);
        Assert.Contains(field, response.ErrorFields);
        Assert.Equal(0, await CountCommentRowsAsync(app));
    }

    [Fact]
    public async Task Text_may_have_line_breaks_and_is_limited_to_2000_characters()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();

        Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(pageId, "Line one\r\nLine two\nLine three"))).Status);
        Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(pageId, new string('x', 2000)))).Status);
        var tooLong = await app.PostCommentAsync(CommentForms.Body(pageId, new string('x', 2001)));
        Assert.Equal(["text"], tooLong.ErrorFields);
    }

    [Fact]
    public async Task Consent_errors_name_their_labels()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();

        var missing = await app.PostCommentAsync(CommentForms.Body(pageId, consents: [new { labelId = "comment-terms", version = 1, granted = true }]));
        var declined = await app.PostCommentAsync(CommentForms.Body(pageId, consents: CommentForms.Consents(terms: false)));
        var wrongForm = await app.PostCommentAsync(CommentForms.Body(pageId, consents: [.. CommentForms.Consents(), new { labelId = "terms", version = 1, granted = true }]));

        Assert.Equal(["consents[public-display]"], missing.ErrorFields);
        Assert.Equal(["consents[comment-terms]"], declined.ErrorFields);
        Assert.Equal(["consents[terms]"], wrongForm.ErrorFields);
        Assert.Equal(0, await CountCommentRowsAsync(app));
    }

    [Theory]
    [InlineData("text/plain", "{}", 415)]
    [InlineData("application/json", "{", 400)]
    [InlineData("application/json", "{\"pageId\": 5}", 400)]
    public async Task Wrong_media_type_and_malformed_JSON_are_rejected(string contentType, string body, int status)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await PostRawAsync(app, body, contentType);

        Assert.Equal(status, response.Status);
        Assert.True(response.IsProblem);
    }

    [Fact]
    public async Task An_oversized_comment_body_is_413()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await PostRawAsync(app, $$"""{"pageId":"p1","text":"{{new string('x', 20_000)}}"}""");

        Assert.Equal(413, response.Status);
    }

    [Fact]
    public async Task The_honeypot_rejects_a_comment()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.PostCommentAsync(new { pageId = "p1", displayName = "Bot", text = "Buy now", consents = CommentForms.Consents(), website = "x" });

        Assert.Equal(400, response.Status);
        Assert.Equal(0, await CountCommentRowsAsync(app));
    }

    private static async Task<TestResponse> PostRawAsync(TestApp app, string body, string contentType = "application/json")
    {
        var request = HttpExchange.Request("POST", "/api/comments", body, contentType);
        return await app.Function<Submissions.Functions.Http.CommentFunctions>().SubmitAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    private static async Task<int> CountCommentRowsAsync(TestApp app)
    {
        var count = 0;
        await foreach (var _ in app.Tables.Comments.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
