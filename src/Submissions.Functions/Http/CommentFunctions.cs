using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Comments;
using Submissions.Domain.Comments;

namespace Submissions.Functions.Http;

public sealed class CommentFunctions(
    SubmitCommentHandler submit, ListPageCommentsHandler pageComments, ListCommentsForModerationHandler moderationQueue, ModerateCommentHandler moderate)
{
    [Function("SubmitComment")]
    public Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "comments")] HttpRequest request,
        CancellationToken cancellationToken) =>
        submit.SubmitAsync(request, cancellationToken);

    [Function("ListPageComments")]
    public Task<IActionResult> ListForPageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/{pageId}/comments")] HttpRequest request,
        string pageId,
        CancellationToken cancellationToken) =>
        pageComments.ListAsync(request, pageId, cancellationToken);

    [Function("ListCommentsForModeration")]
    public Task<IActionResult> ListForModerationAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/comments")] HttpRequest request,
        CancellationToken cancellationToken) =>
        moderationQueue.ListAsync(request, cancellationToken);

    [Function("ApproveComment")]
    public Task<IActionResult> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/comments/{commentId}/approve")] HttpRequest request,
        string commentId,
        CancellationToken cancellationToken) =>
        moderate.ModerateAsync(commentId, CommentStatus.Approved, cancellationToken);

    [Function("RejectComment")]
    public Task<IActionResult> RejectAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/comments/{commentId}/reject")] HttpRequest request,
        string commentId,
        CancellationToken cancellationToken) =>
        moderate.ModerateAsync(commentId, CommentStatus.Rejected, cancellationToken);
}
