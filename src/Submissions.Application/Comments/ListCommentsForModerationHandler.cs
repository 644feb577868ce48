using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Submissions.Application.Audit;
using Submissions.Application.Http;
using Submissions.Domain.Comments;
using Submissions.Domain.Forms;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Comments;

namespace Submissions.Application.Comments;

/// <summary>GET manage/comments?status=: the moderation queue (pending by default), across pages, audited.</summary>
public sealed partial class ListCommentsForModerationHandler(
    CommentStore store, AdminAudit audit, FormStorageGuard guard, ILogger<ListCommentsForModerationHandler> logger)
{
    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!QueryParameter.TryRead(request, "status", out var given) || !CommentStatus.IsKnown(given ?? CommentStatus.Pending))
        {
            return Problems.ValidationFailed("status", $"'status' must be {CommentStatus.Pending}, {CommentStatus.Approved} or {CommentStatus.Rejected}.", FieldErrorCodes.NotAnOption);
        }

        var status = given ?? CommentStatus.Pending;
        if (CommentPaging.Read(request) is not { } paging)
        {
            return CommentPaging.Problem();
        }

        return await guard.ServeAsync(FormKind.Comment, async () =>
        {
            var page = await store.ListByStatusAsync(status, paging.Size, paging.StorageToken, cancellationToken);
            if (page.TokenRefused)
            {
                return CommentPaging.Problem();
            }

            // Names and texts are personal data: the read is on record before anything is returned.
            await audit.RecordAsync(request, "moderation-list", $"status={status}", null, page.Comments.Count, cancellationToken);
            LogModerationRead(logger, status, page.Comments.Count);
            return ApiResult.Ok(new ModerationCommentsResponse(status, [.. page.Comments.Select(ModerationComment.From)], PageToken.Encode(page.ContinuationToken)))
                .WithHeader("Cache-Control", "no-store");
        }, cancellationToken);
    }

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Moderation list read: {Status}, {Count} comments")]
    private static partial void LogModerationRead(ILogger logger, string status, int count);
}
