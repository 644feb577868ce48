using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
/// POST polls/{pollId}/votes: one vote per voter token and per email. The poll's rules come from the read cache
/// (<see cref="PollRulesCache"/>), so a vote by token alone is one transaction in its vote partition, and one with an
/// email that transaction after the person's claim on the poll (<see cref="VoteStore"/>).
/// </summary>
public sealed partial class CastVoteHandler(
    FormSubmissionPipeline pipeline,
    IValidator<VoteRequest> validator,
    SubjectKeyHasher subjectKeys,
    VoterKeyHasher voterKeys,
    PollRulesCache rules,
    PollStore polls,
    VoteStore votes,
    TimeProvider time,
    IOptions<StorageOptions> storageOptions,
    ILogger<CastVoteHandler> logger) : IFormSubmission<VoteRequest, VoteTarget>
{
    public string Kind => FormKind.Poll;

    public IValidator<VoteRequest> Validator => validator;

    public string DuplicateMessage => "This voter has already voted in this poll.";

    /// <summary>
    /// How old a person's claim on a poll with no vote behind it must be before another vote of theirs takes it over: the
    /// longest the storage client can take to commit the claim and then the vote (each with every retry), as for an
    /// erasure's submissions in flight.
    /// </summary>
    private TimeSpan ClaimTakeover => TimeSpan.FromSeconds(2 * storageOptions.Value.NetworkTimeoutSeconds * (storageOptions.Value.MaxRetries + 1));

    public async Task<IActionResult> SubmitAsync(HttpRequest request, string pollId, CancellationToken cancellationToken) =>
        Identifiers.IsValid(pollId) ? await pipeline.SubmitAsync(this, request, pollId, cancellationToken) : Problems.NotFound("No such poll.");

    public async Task<FormContext<VoteTarget>> LoadAsync(string? target, VoteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pollId = target!;
        var poll = await rules.GetAsync(pollId, cancellationToken);
        var voterKey = string.IsNullOrEmpty(request.VoterToken) ? null : voterKeys.For(pollId, request.VoterToken);
        var subjectKey = string.IsNullOrEmpty(request.Email) ? null : subjectKeys.For(request.Email).Value;
        var partition = (voterKey ?? subjectKey) is { } keyedHash
            ? VotePartitions.For(pollId, keyedHash, poll?.VotePartitions ?? VotePartitions.Count)
            : VotePartitions.Name(pollId, 0);
        return new FormContext<VoteTarget>(new VoteTarget(pollId, poll, partition, voterKey, subjectKey));
    }

    public string Reference(VoteTarget context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.PollId;
    }

    public async Task<SubmissionOutcome?> FindPriorOutcomeAsync(VoteTarget context, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A poll created before votes were spread kept the keys of its earlier votes in its own partition.
        return await polls.FindPriorOutcomeAsync(context.Partition, claim, cancellationToken)
            ?? (context.Rules is { HasLegacyVotes: true } ? await polls.FindPriorOutcomeAsync(context.PollId, claim, cancellationToken) : null);
    }

    public async Task<FormStored> StoreAsync(VoteTarget context, VoteRequest request, ConsentEvaluation consent, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(consent);
        switch (context.Rules)
        {
            case null:
                return new FormStored(null, Problems.NotFound("No such poll."));
            case { Status: not PollStatus.Open }:
                return new FormStored(null, Problems.Conflict(ProblemTypes.PollClosed, "The poll is closed.", "Votes are no longer accepted."));
            case var open when !open.OptionIds.Contains(request.OptionId, StringComparer.Ordinal):
                return new FormStored(null, Errors: FieldErrors.Of("optionId", "'optionId' is not an option of this poll.", FieldErrorCodes.NotAnOption));
        }

        var pollId = context.PollId;
        var now = time.GetUtcNow();
        var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), Kind, now, consent.Decisions);
        var vote = new NewVote(pollId, context.Partition, Guid.CreateVersion7().ToString("N"), request.OptionId!, context.VoterKey, context.SubjectKey);

        var body = new VoteResponse(vote.VoteId, pollId, vote.OptionId, ConsentReceiptView.From(receipt.ReceiptId, now, consent.Decisions));
        var response = new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(body, ApiJson.Options));
        var outcome = await votes.CastAsync(vote, context.Rules.HasLegacyVotes, receipt, claim, response, ClaimTakeover, cancellationToken);
        if (outcome is SubmissionOutcome.Saved)
        {
            LogVoted(logger, pollId, vote.VoteId, (vote.VoterKey is null ? 0 : 1) + (vote.SubjectKey is null ? 0 : 1));
        }

        return new FormStored(outcome);
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Vote {VoteId} stored in poll {PollId} ({VoterKeys} voter keys)")]
    private static partial void LogVoted(ILogger logger, string pollId, string voteId, int voterKeys);
}
