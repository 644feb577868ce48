using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Forms;
using Submissions.Domain.Polls;
using Submissions.Storage.Polls;

namespace Submissions.Application.Polls;

/// <summary>
/// PUT manage/polls/{pollId}: create or update. Options can be added or renamed, never removed (their votes stay counted).
/// A new poll spreads its votes over <see cref="Storage.Polls.VotePartitions.Count"/> vote partitions.
/// </summary>
public sealed partial class PutPollHandler(
    IValidator<PollDefinition> validator,
    PollStore store,
    PollRulesCache rules,
    FormStorageGuard guard,
    TimeProvider time,
    IOptions<FormOptions> formOptions,
    ILogger<PutPollHandler> logger)
{
    private const int MaxAttempts = 3;

    public async Task<IActionResult> PutAsync(HttpRequest request, string pollId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(pollId))
        {
            return Problems.InvalidId("pollId");
        }

        var body = await AdminBody.ReadAsync(request, validator, formOptions.Value.MaxAdminBodyBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var definition = body.Definition!;
        var content = new PollContent(
            definition.Question!, [.. definition.Options!.Select(option => new StoredPollOption(option!.OptionId!, option.Text!))], definition.Status!);
        return await guard.ServeAsync(FormKind.Poll, () => SaveAsync(pollId, content, cancellationToken), cancellationToken);
    }

    /// <summary>Read, check, save conditionally on what was read; a concurrent change makes it read again.</summary>
    private async Task<IActionResult> SaveAsync(string pollId, PollContent content, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await store.GetPollAsync(pollId, cancellationToken);
            if (existing is not null && existing.Options.Select(o => o.OptionId).Except(content.Options.Select(o => o.OptionId)).FirstOrDefault() is { } removed)
            {
                return Problems.ValidationFailed("options", $"Option '{removed}' cannot be removed: votes for it are counted. Close the poll instead.");
            }

            if (await store.TrySavePollAsync(pollId, content, existing, time.GetUtcNow(), cancellationToken) is { } saved)
            {
                LogPollSaved(logger, pollId, saved.Status);

                // Votes on this instance see a close (or a new option) at once; elsewhere within ReadCache:PollDefinitionSeconds.
                await rules.ForgetAsync(pollId, cancellationToken);
                return existing is null ? ApiResult.Created(PollDefinitionView.From(saved)) : ApiResult.Ok(PollDefinitionView.From(saved));
            }
        }

        return Problems.Conflict(ProblemTypes.ConcurrentChange, "The poll was changed concurrently.", "Retry the request.");
    }

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Poll {PollId} saved ({Status})")]
    private static partial void LogPollSaved(ILogger logger, string pollId, string status);
}
