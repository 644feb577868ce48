using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Forms;
using Submissions.Application.Http;
using Submissions.Application.Statistics;
using Submissions.Domain;
using Submissions.Domain.Forms;
using Submissions.Domain.Polls;
using Submissions.Domain.Privacy;
using Submissions.Domain.Validation;
using Submissions.Storage;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>Polls: admins define them, voters vote once each, anyone reads the totals.</summary>
public sealed partial class PollsHandler(
    FormGate gate,
    IValidator<VoteRequest> voteValidator,
    IValidator<PollDefinition> pollValidator,
    SubjectKeyHasher subjectKeys,
    VoterKeyHasher voterKeys,
    PollStore store,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    IOptions<StatisticsOptions> statisticsOptions,
    ILogger<PollsHandler> logger)
{
    private const string Form = FormKind.Poll;
    private const int MaxAttempts = 3;

    /// <summary>POST polls/{pollId}/votes.</summary>
    public async Task<IActionResult> VoteAsync(HttpRequest request, string pollId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(pollId))
        {
            return Problems.NotFound("No such poll.");
        }

        var admission = await gate.AdmitAsync<VoteRequest>(Form, request, cancellationToken);
        if (admission.Problem is not null)
        {
            return admission.Problem;
        }

        var form = admission.Form!;
        try
        {
            var check = await gate.CheckAsync(Form, form, voteValidator, cancellationToken);
            if (!check.Errors.IsEmpty)
            {
                return await RefuseAsync(pollId, admission.Claim, () => gate.Reject(Form, check.Errors), cancellationToken);
            }

            var consent = check.Consent;

            var now = time.GetUtcNow();
            var receipt = new ConsentReceiptDraft(Guid.CreateVersion7().ToString("N"), Form, now, consent.Decisions);
            var subject = string.IsNullOrEmpty(form.Email) ? (SubjectKey?)null : subjectKeys.For(form.Email);
            var vote = new VoteEntity
            {
                PartitionKey = pollId,
                VoteId = Guid.CreateVersion7().ToString("N"),
                OptionId = form.OptionId!,
                SubjectKey = subject?.Value,
                ReceiptId = receipt.ReceiptId,
                CreatedAt = now,
            };
            List<string> voterRows = [];
            if (!string.IsNullOrEmpty(form.VoterToken))
            {
                voterRows.Add(VoteEntity.TokenRowKeyFor(voterKeys.For(pollId, form.VoterToken)));
            }

            if (subject is { } person)
            {
                voterRows.Add(VoteEntity.SubjectRowKey(person.Value));
            }

            var body = new VoteResponse(vote.VoteId, pollId, vote.OptionId, ConsentReceiptView.From(receipt.ReceiptId, now, consent.Decisions));
            var response = new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(body, ApiJson.Options));
            var result = await store.CastVoteAsync(vote, voterRows, receipt, admission.Claim, response, cancellationToken);
            Func<ApiResult>? refusal = result.Refusal switch
            {
                VoteRefusal.PollNotFound => () => Problems.NotFound("No such poll."),
                VoteRefusal.PollClosed => () => Problems.Conflict("The poll is closed.", "Votes are no longer accepted."),
                VoteRefusal.UnknownOption => () => gate.Reject(Form, FieldErrors.Of("optionId", "'optionId' is not an option of this poll.")),
                _ => null,
            };
            if (refusal is not null)
            {
                return await RefuseAsync(pollId, admission.Claim, refusal, cancellationToken);
            }

            if (result.Outcome is SubmissionOutcome.Saved)
            {
                LogVoted(logger, pollId, vote.VoteId, voterRows.Count);
            }

            return gate.Respond(Form, result.Outcome!, pollId, "This voter has already voted in this poll.");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return gate.SubmissionUnconfirmed(Form, admission.Claim, ex);
        }
    }

    private Task<ApiResult> RefuseAsync(string pollId, IdempotencyClaim? claim, Func<ApiResult> refusal, CancellationToken cancellationToken) =>
        gate.RefuseAsync(Form, claim, key => store.FindPriorOutcomeAsync(pollId, key, cancellationToken), pollId, refusal);

    /// <summary>
    /// GET polls/{pollId}/results: the published totals per option, one query whatever the number of votes. They move
    /// only in steps of at least Statistics:MinimumCount votes (<see cref="PollResultsPublication"/>): the read that
    /// finds a step due publishes it with one conditional write, so that costs one extra round trip per step, not per
    /// read.
    /// </summary>
    public async Task<IActionResult> ResultsAsync(string pollId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(pollId))
        {
            return Problems.NotFound("No such poll.");
        }

        try
        {
            var results = await store.ReadResultsAsync(pollId, cancellationToken);
            if (results is null)
            {
                return Problems.NotFound("No such poll.");
            }

            var step = statisticsOptions.Value.MinimumCount;
            var shown = results.Published;
            var live = results.Poll.Options.Sum(option => results.Votes.GetValueOrDefault(option.OptionId));
            if (PollResultsPublication.IsDue(live, shown?.TotalVotes ?? 0, step))
            {
                var counts = results.Poll.Options.ToDictionary(option => option.OptionId, option => results.Votes.GetValueOrDefault(option.OptionId), StringComparer.Ordinal);
                var next = new PublishedResultsEntity { PartitionKey = pollId, CountsJson = JsonSerializer.Serialize(counts), TotalVotes = live, PublishedAt = time.GetUtcNow() };
                if (await store.TryPublishResultsAsync(next, shown, cancellationToken))
                {
                    shown = next;
                }
            }

            var published = shown?.ReadCounts();
            var options = results.Poll.Options
                .Select(option => new PollResultOption(option.OptionId, option.Text, published is null ? null : published.GetValueOrDefault(option.OptionId)))
                .ToList();
            return ApiResult.Ok(new PollResultsResponse(pollId, results.Poll.Question, results.Poll.Status, options, shown?.TotalVotes, step, shown?.PublishedAt))
                .WithHeader("Cache-Control", "public, max-age=5");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return gate.StorageUnavailable(Form, ex);
        }
    }

    /// <summary>PUT manage/polls/{pollId}: create or update. Options can be added or renamed, never removed (their votes stay counted).</summary>
    public async Task<IActionResult> PutAsync(HttpRequest request, string pollId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(pollId))
        {
            return Problems.InvalidId("pollId");
        }

        var body = await AdminBody.ReadAsync(request, pollValidator, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var definition = body.Definition!;

        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var existing = await store.GetPollAsync(pollId, cancellationToken);
                var options = definition.Options!.Select(option => new StoredPollOption(option!.OptionId!, option.Text!)).ToList();
                if (existing is not null && existing.Options.Select(o => o.OptionId).Except(options.Select(o => o.OptionId)).FirstOrDefault() is { } removed)
                {
                    return Problems.ValidationFailed("options", $"Option '{removed}' cannot be removed: votes for it are counted. Close the poll instead.");
                }

                var now = time.GetUtcNow();
                var poll = new PollEntity
                {
                    PartitionKey = pollId,
                    ETag = existing?.ETag ?? default,
                    Question = definition.Question!,
                    Options = options,
                    Status = definition.Status!,
                    CreatedAt = existing?.CreatedAt ?? now,
                    UpdatedAt = now,
                };
                if (await store.TrySavePollAsync(poll, existing is null, cancellationToken))
                {
                    LogPollSaved(logger, pollId, poll.Status);
                    return existing is null ? ApiResult.Created(PollView.From(poll)) : ApiResult.Ok(PollView.From(poll));
                }
            }

            return Problems.Conflict("The poll was changed concurrently.", "Retry the request.");
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return gate.StorageUnavailable(Form, ex);
        }
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Vote {VoteId} stored in poll {PollId} ({VoterKeys} voter keys)")]
    private static partial void LogVoted(ILogger logger, string pollId, string voteId, int voterKeys);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Poll {PollId} saved ({Status})")]
    private static partial void LogPollSaved(ILogger logger, string pollId, string status);
}
