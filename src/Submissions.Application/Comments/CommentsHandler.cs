using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Submissions.Application.Audit;
using Submissions.Application.Forms;
using Submissions.Application.Http;
using Submissions.Domain.Comments;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Domain.Privacy;
using Submissions.Storage;
using Submissions.Storage.Comments;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;

namespace Submissions.Application.Comments;

/// <summary>
/// Comments: submitted as pending (one transaction with their consent ledger), listed publicly once approved,
/// public fields only, newest first, paged; moderated by admins.
/// </summary>
public sealed partial class CommentsHandler(
    FormGate gate,
    IValidator<CommentRequest> validator,
    SubjectKeyHasher subjectKeys,
    CommentStore store,
    AdminAudit audit,
    TimeProvider time,
    ILogger<CommentsHandler> logger)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    private const string Form = FormKind.Comment;

    /// <summary>POST comments.</summary>
    public async Task<IActionResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitAsync<CommentRequest>(Form, request, cancellationToken);
        if (admission.Problem is not null)
        {
            return admission.Problem;
        }

        var form = admission.Form!;
        try
        {
            var check = await gate.CheckAsync(Form, form, validator, cancellationToken);
            if (check.Errors.IsEmpty)
            {
                return await StoreAsync(form, check.Consent, admission.Claim, cancellationToken);
            }

            // The key is stored in the page's partition: it can be looked up only if the page id is usable.
            var pageId = CommentValidator.IsValidPageId(form.PageId) ? form.PageId : null;
            return await gate.RefuseAsync(
                Form,
                admission.Claim,
                pageId is null ? null : claim => store.FindPriorOutcomeAsync(pageId, claim, cancellationToken),
                pageId ?? "unknown",
                () => gate.Reject(Form, check.Errors));
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return gate.SubmissionUnconfirmed(Form, admission.Claim, ex);
        }
    }

    /// <summary>GET pages/{pageId}/comments: approved comments, public fields only.</summary>
    public async Task<IActionResult> ListForPageAsync(HttpRequest request, string pageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CommentValidator.IsValidPageId(pageId))
        {
            return Problems.ValidationFailed("pageId", "'pageId' must be 1 to 128 letters, digits, '.', '_' or '-'.");
        }

        if (ReadPaging(request) is not { } paging)
        {
            return PagingProblem();
        }

        try
        {
            var page = await store.ListApprovedAsync(pageId, paging.Size, paging.StorageToken, cancellationToken);
            return ApiResult.Ok(new PublicCommentsResponse([.. page.Comments.Select(PublicComment.From)], PageToken.Encode(page.ContinuationToken)))
                .WithHeader("Cache-Control", "public, max-age=30");
        }
        catch (Exception ex) when (PageToken.IsRefused(ex, paging.StorageToken))
        {
            return PagingProblem();
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return gate.StorageUnavailable(Form, ex);
        }
    }

    /// <summary>GET manage/comments?status=: the moderation queue (pending by default).</summary>
    public async Task<IActionResult> ListForModerationAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!QueryParameter.TryRead(request, "status", out var given) || !CommentStatus.IsKnown(given ?? CommentStatus.Pending))
        {
            return Problems.ValidationFailed("status", $"'status' must be {CommentStatus.Pending}, {CommentStatus.Approved} or {CommentStatus.Rejected}.");
        }

        var status = given ?? CommentStatus.Pending;
        if (ReadPaging(request) is not { } paging)
        {
            return PagingProblem();
        }

        try
        {
            var page = await store.ListByStatusAsync(status, paging.Size, paging.StorageToken, cancellationToken);

            // Names and texts are personal data: the read is on record before anything is returned.
            await audit.RecordAsync(request, "moderation-list", $"status={status}", null, page.Comments.Count, cancellationToken);
            LogModerationRead(logger, status, page.Comments.Count);
            return ApiResult.Ok(new ModerationCommentsResponse(status, [.. page.Comments.Select(ModerationComment.From)], PageToken.Encode(page.ContinuationToken)))
                .WithHeader("Cache-Control", "no-store");
        }
        catch (Exception ex) when (PageToken.IsRefused(ex, paging.StorageToken))
        {
            return PagingProblem();
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return gate.StorageUnavailable(Form, ex);
        }
    }

    /// <summary>
    /// POST manage/comments/{commentId}/approve|reject. Repeating a decision is harmless. Answers the decision only (id,
    /// page, status, time): the name and text stay behind the audited moderation list.
    /// </summary>
    public async Task<IActionResult> ModerateAsync(string commentId, string status, CancellationToken cancellationToken)
    {
        if (!CommentIds.TryDecode(commentId, out var pageId, out var rowKey))
        {
            return Problems.NotFound("No such comment.");
        }

        try
        {
            var comment = await store.SetStatusAsync(pageId, rowKey, status, time.GetUtcNow(), cancellationToken);
            if (comment is null)
            {
                return Problems.NotFound("No such comment.");
            }

            var decision = ModerationDecision.From(comment);
            LogModerated(logger, decision.Id, status);
            return ApiResult.Ok(decision).WithHeader("Cache-Control", "no-store");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return gate.StorageUnavailable(Form, ex);
        }
    }

    private async Task<IActionResult> StoreAsync(CommentRequest form, ConsentEvaluation consent, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), Form, now, consent.Decisions);
        var subject = string.IsNullOrEmpty(form.Email) ? (SubjectKey?)null : subjectKeys.For(form.Email);
        var comment = new CommentEntity
        {
            PartitionKey = form.PageId!,
            RowKey = CommentEntity.NewRowKey(now),
            DisplayName = form.DisplayName!.Trim(),
            ShowName = consent.IsGranted(ConsentPurpose.PublicDisplay),
            Email = string.IsNullOrEmpty(form.Email) ? null : form.Email,
            SubjectKey = subject?.Value,
            Text = form.Text!,
            Status = CommentStatus.Pending,
            ReceiptId = receipt.ReceiptId,
            CreatedAt = now,
        };
        var body = new CommentSubmittedResponse(comment.Id, CommentStatus.Pending, ConsentReceiptView.From(receipt.ReceiptId, now, consent.Decisions));
        var response = new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(body, ApiJson.Options));

        var outcome = await store.AddAsync(comment, receipt, claim, response, cancellationToken);
        if (outcome is SubmissionOutcome.Saved)
        {
            LogStored(logger, comment.Id, subject?.ShortForm ?? "none", comment.ShowName);
        }

        return gate.Respond(Form, outcome, comment.PartitionKey);
    }

    private static Paging? ReadPaging(HttpRequest request)
    {
        var size = DefaultPageSize;
        if (!QueryParameter.TryRead(request, "pageSize", out var text) || !QueryParameter.TryRead(request, "continuationToken", out var token)
            || (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize)))
        {
            return null;
        }

        return PageToken.TryDecode(token, out var storageToken) ? new Paging(size, storageToken) : null;
    }

    private sealed record Paging(int Size, string? StorageToken);

    private static ApiResult PagingProblem() =>
        Problems.ValidationFailed("paging", $"'pageSize' must be 1 to {MaxPageSize} and 'continuationToken' one this API returned.");

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Comment {CommentId} stored as pending (subject {Subject}, name shown {ShowName})")]
    private static partial void LogStored(ILogger logger, string commentId, string subject, bool showName);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Comment {CommentId} moderated: {Status}")]
    private static partial void LogModerated(ILogger logger, string commentId, string status);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Moderation list read: {Status}, {Count} comments")]
    private static partial void LogModerationRead(ILogger logger, string status, int count);
}
