using Submissions.Functions.Http;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Comment bodies that answer the seeded labels, and calls to the comment functions.</summary>
public static class CommentForms
{
    public static string NewPageId() => "page-" + Guid.NewGuid().ToString("N")[..12];

    public static object[] Consents(bool showName = true, bool terms = true) =>
    [
        new { labelId = "comment-terms", version = 1, granted = terms },
        new { labelId = "public-display", version = 1, granted = showName },
    ];

    public static object Body(string pageId, string text = "A thoughtful comment.", string displayName = "Commenter Name", string? email = null, object[]? consents = null) =>
        new { pageId, displayName, email, text, consents = consents ?? Consents() };

    public static async Task<TestResponse> PostCommentAsync(this TestApp app, object body, IDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.RecordSubmitted(body);
        var request = HttpExchange.PostJson("/api/comments", body, headers);
        return await app.Function<CommentFunctions>().SubmitAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<TestResponse> ListCommentsAsync(this TestApp app, string pageId, string? query = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("GET", $"/api/pages/{pageId}/comments", contentType: null, query: query);
        return await app.Function<CommentFunctions>().ListForPageAsync(request, pageId, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<TestResponse> ModerationQueueAsync(this TestApp app, string? query = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("GET", "/api/manage/comments", contentType: null, query: query);
        return await app.Function<CommentFunctions>().ListForModerationAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<TestResponse> ModerateAsync(this TestApp app, string commentId, bool approve)
    {
        ArgumentNullException.ThrowIfNull(app);
        var functions = app.Function<CommentFunctions>();
        var request = HttpExchange.Request("POST", $"/api/manage/comments/{commentId}/{(approve ? "approve" : "reject")}", contentType: null);
        var action = approve
            ? functions.ApproveAsync(request, commentId, CancellationToken.None)
            : functions.RejectAsync(request, commentId, CancellationToken.None);
        return await action.ExecuteAsync(request);
    }
}
