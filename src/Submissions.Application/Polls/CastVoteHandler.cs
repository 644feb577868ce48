using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Submissions.Application.Forms;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Consent;
using Submissions.Domain.Forms;
using Submissions.Domain.Polls;
using Submissions.Domain.Privacy;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>
/// POST polls/{pollId}/votes: one vote per voter token and per email. Its context is the poll id; whether the poll
/// exists, is open and has the option is learnt by the store step, in the read it makes anyway.
/// </summary>
public sealed partial class CastVoteHandler(
    FormSubmissionPipeline pipeline,
    IValidator<VoteRequest> validator,
    SubjectKeyHasher subjectKeys,
    VoterKeyHasher voterKeys,
    PollStore store,
    TimeProvider time,
    ILogger<CastVoteHandler> logger) : IFormSubmission<VoteRequest, string>
{
    public string Kind => FormKind.Poll;

    public IValidator<VoteRequest> Validator => validator;

    public string DuplicateMessage => "This voter has already voted in this poll.";

    public async Task<IActionResult> SubmitAsync(HttpRequest request, string pollId, CancellationToken cancellationToken) =>
        Identifiers.IsValid(pollId) ? await pipeline.SubmitAsync(this, request, pollId, cancellationToken) : Problems.NotFound("No such poll.");

    public Task<FormContext<string>> LoadAsync(string? target, VoteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new FormContext<string>(target!));

    public string Reference(string context) => context;

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(string context, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        store.FindPriorOutcomeAsync(context, claim, cancellationToken);

    public async Task<FormStored> StoreAsync(string context, VoteRequest request, ConsentEvaluation consent, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(consent);
        var pollId = context;
        var now = time.GetUtcNow();
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), Kind, now, consent.Decisions);
        var subject = string.IsNullOrEmpty(request.Email) ? (SubjectKey?)null : subjectKeys.For(request.Email);
        var voterKey = string.IsNullOrEmpty(request.VoterToken) ? null : voterKeys.For(pollId, request.VoterToken);
        var vote = new NewVote(pollId, Guid.CreateVersion7().ToString("N"), request.OptionId!, voterKey, subject?.Value);

        var body = new VoteResponse(vote.VoteId, pollId, vote.OptionId, ConsentReceiptView.From(receipt.ReceiptId, now, consent.Decisions));
        var response = new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(body, ApiJson.Options));
        var result = await store.CastVoteAsync(vote, receipt, claim, response, cancellationToken);
        switch (result.Refusal)
        {
            case VoteRefusal.PollNotFound:
                return new FormStored(null, Problems.NotFound("No such poll."));
            case VoteRefusal.PollClosed:
                return new FormStored(null, Problems.Conflict(ProblemTypes.PollClosed, "The poll is closed.", "Votes are no longer accepted."));
            case VoteRefusal.UnknownOption:
                return new FormStored(null, Errors: FieldErrors.Of("optionId", "'optionId' is not an option of this poll.", FieldErrorCodes.NotAnOption));
        }

        if (result.Outcome is SubmissionOutcome.Saved)
        {
            LogVoted(logger, pollId, vote.VoteId, (voterKey is null ? 0 : 1) + (subject is null ? 0 : 1));
        }

        return new FormStored(result.Outcome!);
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Vote {VoteId} stored in poll {PollId} ({VoterKeys} voter keys)")]
    private static partial void LogVoted(ILogger logger, string pollId, string voteId, int voterKeys);
}
