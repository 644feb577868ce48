using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
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
/// POST comments: stored as pending, in one transaction with their consent ledger, in the page's partition. Its
/// context is the page id, when it is usable.
/// </summary>
public sealed partial class SubmitCommentHandler(
    FormSubmissionPipeline pipeline,
    IValidator<CommentRequest> validator,
    SubjectKeyHasher subjectKeys,
    CommentStore store,
    TimeProvider time,
    ILogger<SubmitCommentHandler> logger) : IFormSubmission<CommentRequest, string?>
{
    public string Kind => FormKind.Comment;

    public IValidator<CommentRequest> Validator => validator;

    public Task<IActionResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.SubmitAsync(this, request, target: null, cancellationToken);

    // The key is stored in the page's partition: it can be looked up only if the page id is usable.
    public Task<FormContext<string?>> LoadAsync(string? target, CommentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new FormContext<string?>(CommentValidator.IsValidPageId(request.PageId) ? request.PageId : null));
    }

    public string Reference(string? context) => context ?? "unknown";

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(string? context, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        context is null ? Task.FromResult<SubmissionOutcome?>(null) : store.FindPriorOutcomeAsync(context, claim, cancellationToken);

    public async Task<FormStored> StoreAsync(
        string? context, CommentRequest request, ConsentEvaluation consent, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(consent);
        var now = time.GetUtcNow();
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), Kind, now, consent.Decisions);
        var subject = string.IsNullOrEmpty(request.Email) ? (SubjectKey?)null : subjectKeys.For(request.Email);
        var comment = new NewComment(
            request.PageId!,
            request.DisplayName!.Trim(),
            ShowName: consent.IsGranted(ConsentPurpose.PublicDisplay),
            Email: string.IsNullOrEmpty(request.Email) ? null : request.Email,
            SubjectKey: subject?.Value,
            request.Text!,
            now);
        var body = new CommentSubmittedResponse(comment.Id, CommentStatus.Pending, ConsentReceiptView.From(receipt.ReceiptId, now, consent.Decisions));
        var response = new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(body, ApiJson.Options));

        var outcome = await store.AddAsync(comment, receipt, claim, response, cancellationToken);
        if (outcome is SubmissionOutcome.Saved)
        {
            LogStored(logger, comment.Id, subject?.ShortForm ?? "none", comment.ShowName);
        }

        return new FormStored(outcome);
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Comment {CommentId} stored as pending (subject {Subject}, name shown {ShowName})")]
    private static partial void LogStored(ILogger logger, string commentId, string subject, bool showName);
}
