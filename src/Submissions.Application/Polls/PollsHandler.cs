using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.ConsentLabels;
using Submissions.Application.Forms;
using Submissions.Application.Http;
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

/// <summary>Polls: admins define them, voters vote once each, anyone reads the totals.</summary>
public sealed partial class PollsHandler(
    FormGate gate,
    IValidator<VoteRequest> voteValidator,
    IValidator<PollDefinition> pollValidator,
    ConsentLabelCatalog catalog,
    SubjectKeyHasher subjectKeys,
    VoterKeyHasher voterKeys,
    PollStore store,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    ILogger<PollsHandler> logger)
{
    private const string Form = FormKind.Poll;
    private const int MaxAttempts = 3;

    /// <summary>POST polls/{pollId}/votes.</summary>
    public async Task<IActionResult> VoteAsync(HttpRequest request, string pollId, CancellationToken cancellationToken)
    {
        if (!PollIdRegex().IsMatch(pollId))
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
            var errors = (await voteValidator.ValidateAsync(form, cancellationToken)).ToFieldErrors();
            var consent = ConsentEvaluator.Evaluate(Form, await catalog.GetAsync(cancellationToken), form.Consents);
            errors.AddRange(consent.Errors);
            if (!errors.IsEmpty)
            {
                return await RefuseAsync(pollId, admission.Claim, () => gate.Reject(Form, errors), cancellationToken);
            }

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
                voterRows.Add(VoteEntity.TokenRowKey(voterKeys.For(pollId, form.VoterToken)));
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
                VoteRefusal.UnknownOption => () => gate.Reject(Form, Single("optionId", "'optionId' is not an option of this poll.")),
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
            return gate.StorageUnavailable(Form, ex);
        }
    }

    /// <summary>A refusal, unless the request is a retry of one already answered: a retry always gets its first answer.</summary>
    private async Task<IActionResult> RefuseAsync(string pollId, IdempotencyClaim? claim, Func<ApiResult> refusal, CancellationToken cancellationToken) =>
        claim is not null && await store.FindPriorOutcomeAsync(pollId, claim, cancellationToken) is { } prior
            ? gate.Respond(Form, prior, pollId)
            : refusal();

    /// <summary>GET polls/{pollId}/results: totals per option, one query whatever the number of votes.</summary>
    public async Task<IActionResult> ResultsAsync(string pollId, CancellationToken cancellationToken)
    {
        if (!PollIdRegex().IsMatch(pollId))
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

            var options = results.Poll.Options
                .Select(option => new PollResultOption(option.OptionId, option.Text, results.Votes.GetValueOrDefault(option.OptionId)))
                .ToList();
            return ApiResult.Ok(new PollResultsResponse(pollId, results.Poll.Question, results.Poll.Status, options, options.Sum(option => option.Votes)))
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
        if (!PollIdRegex().IsMatch(pollId))
        {
            return Problems.ValidationFailed("pollId", "'pollId' must be 2 to 64 lower-case letters, digits or dashes.");
        }

        var body = await JsonBodyReader.ReadAsync<PollDefinition>(request, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var definition = body.Value!;
        var validation = await pollValidator.ValidateAsync(definition, cancellationToken);
        if (!validation.IsValid)
        {
            return Problems.ValidationFailed(validation.ToFieldErrors());
        }

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

    private static FieldErrors Single(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    [GeneratedRegex(ConsentAnswerRules.LabelIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex PollIdRegex();

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Vote {VoteId} stored in poll {PollId} ({VoterKeys} voter keys)")]
    private static partial void LogVoted(ILogger logger, string pollId, string voteId, int voterKeys);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Poll {PollId} saved ({Status})")]
    private static partial void LogPollSaved(ILogger logger, string pollId, string status);
}
