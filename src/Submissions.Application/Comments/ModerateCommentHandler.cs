using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Submissions.Application.Http;
using Submissions.Domain.Forms;
using Submissions.Storage.Comments;

namespace Submissions.Application.Comments;

/// <summary>
/// POST manage/comments/{commentId}/approve|reject. Repeating a decision is harmless. Answers the decision only (id,
/// page, status, time): the name and text stay behind the audited moderation list. The page's cached listing on this
/// instance is dropped, so an approved comment shows, and a rejected one goes, on the next listing here (other
/// instances within ReadCache:CommentListingSeconds).
/// </summary>
public sealed partial class ModerateCommentHandler(
    CommentStore store, CommentListingCache listings, FormStorageGuard guard, TimeProvider time, ILogger<ModerateCommentHandler> logger)
{
    public Task<IActionResult> ModerateAsync(string commentId, string status, CancellationToken cancellationToken) =>
        guard.ServeAsync(FormKind.Comment, async () =>
        {
            var comment = await store.ModerateAsync(commentId, status, time.GetUtcNow(), cancellationToken);
            if (comment is null)
            {
                return Problems.NotFound("No such comment.");
            }

            await listings.InvalidateAsync(comment.PageId, cancellationToken);
            var decision = ModerationDecision.From(comment);
            LogModerated(logger, decision.Id, status);
            return ApiResult.Ok(decision).WithHeader("Cache-Control", "no-store");
        }, cancellationToken);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Comment {CommentId} moderated: {Status}")]
    private static partial void LogModerated(ILogger logger, string commentId, string status);
}
