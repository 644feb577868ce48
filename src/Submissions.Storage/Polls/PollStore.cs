using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Submissions.Storage.Idempotency;

namespace Submissions.Storage.Polls;

/// <summary>
/// A poll's row in its own partition: the definition, the totals as last recounted and the results as last published.
/// Its votes live in its vote partitions (<see cref="VoteStore"/>, counted by <see cref="VoteCounter"/>), so reading a
/// poll — to check a vote, or to show results — is one point read whatever the number of votes.
/// </summary>
public sealed class PollStore(SubmissionsTables tables)
{
    /// <summary>The tally shards of a poll created before votes were spread (meta~tally~00 … 15 in its own partition).</summary>
    public const int TallyShards = 16;

    public async Task<StoredPoll?> GetPollAsync(string pollId, CancellationToken cancellationToken)
    {
        var row = await tables.Polls.GetEntityIfExistsAsync<PollEntity>(pollId, PollEntity.PollRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.ToStoredPoll() : null;
    }

    /// <summary>
    /// A page of polls in id order. The polls share their table with the votes and have no partition of their own, so
    /// this filters a scan: fine for an admin's listing, never on a vote's path.
    /// </summary>
    public async Task<ScanPage<StoredPoll>> ListAsync(int pageSize, string? storageToken, CancellationToken cancellationToken) =>
        (await ScanPages.ReadAsync<PollEntity>(
            tables.Polls, TableClient.CreateQueryFilter($"RowKey eq {PollEntity.PollRowKey}"), pageSize, storageToken, cancellationToken))
            .Select(row => row.ToStoredPoll());

    /// <summary>
    /// Adds the poll when <paramref name="replacing"/> is null, else merges the new definition into it, conditional on
    /// the version read (a merge keeps its totals and published results). The poll as saved, or null when another
    /// writer got there first (the caller re-reads).
    /// </summary>
    public async Task<StoredPoll?> TrySavePollAsync(string pollId, PollContent content, StoredPoll? replacing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            if (replacing is null)
            {
                var poll = new PollEntity
                {
                    PartitionKey = pollId,
                    Question = content.Question,
                    Options = content.Options,
                    Status = content.Status,
                    CreatedAt = now,
                    UpdatedAt = now,
                    VotePartitions = VotePartitions.Count,
                };
                var added = await tables.Polls.AddEntityAsync(poll, cancellationToken);
                poll.ETag = added.Headers.ETag ?? default;
                return poll.ToStoredPoll();
            }

            var definition = new TableEntity(pollId, PollEntity.PollRowKey)
            {
                [nameof(PollEntity.Question)] = content.Question,
                [nameof(PollEntity.OptionsJson)] = JsonSerializer.Serialize(content.Options),
                [nameof(PollEntity.Status)] = content.Status,
                [nameof(PollEntity.UpdatedAt)] = now,
            };
            var response = await tables.Polls.UpdateEntityAsync(definition, replacing.Version, TableUpdateMode.Merge, cancellationToken);

            // The version answered is the one just written, so a caller may make its next write conditional on it.
            return replacing with
            {
                Question = content.Question,
                Options = content.Options,
                Status = content.Status,
                UpdatedAt = now,
                Version = response.Headers.ETag ?? default,
            };
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// The poll with its totals as last recounted and its published results: one point read — two for a poll created
    /// before votes were spread, until its first recount copies its published results onto the poll row.
    /// </summary>
    public async Task<PollResults?> ReadResultsAsync(string pollId, CancellationToken cancellationToken)
    {
        if (await GetPollAsync(pollId, cancellationToken) is not { } poll)
        {
            return null;
        }

        if (poll.Published is null && poll.HasLegacyVotes)
        {
            var legacy = await tables.Polls.GetEntityIfExistsAsync<PublishedResultsEntity>(pollId, PublishedResultsEntity.PublishedRowKey, cancellationToken: cancellationToken);
            if (legacy.HasValue)
            {
                return new PollResults(poll, new PublishedPollResults(legacy.Value!.ReadCounts(), legacy.Value.TotalVotes, legacy.Value.PublishedAt));
            }
        }

        return new PollResults(poll, poll.Published);
    }

    /// <summary>
    /// Takes on the poll's recount: marks the poll row (under the version read), so reads on other instances leave the
    /// recount to this one for a period. The poll at its new version, or null when another writer got there first.
    /// </summary>
    public async Task<StoredPoll?> TryClaimRecountAsync(StoredPoll poll, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        try
        {
            var claim = new TableEntity(poll.PollId, PollEntity.PollRowKey) { [nameof(PollEntity.RecountClaimedAt)] = now };
            var response = await tables.Polls.UpdateEntityAsync(claim, poll.Version, TableUpdateMode.Merge, cancellationToken);
            return poll with { RecountClaimedAt = now, Version = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Saves recounted totals, and publishes <paramref name="publish"/> with them when given (new results, or those a poll
    /// created before votes were spread kept in meta~published) — one merge of the poll row, conditional on the version
    /// claimed. False when the poll changed since (an admin saved it): nothing was written.
    /// </summary>
    public async Task<bool> TrySaveTotalsAsync(StoredPoll poll, RecountedVotes totals, PublishedPollResults? publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(totals);
        var row = new TableEntity(poll.PollId, PollEntity.PollRowKey)
        {
            [nameof(PollEntity.TotalsJson)] = JsonSerializer.Serialize(totals.Votes),
            [nameof(PollEntity.TotalsAt)] = totals.CountedAt,
        };
        if (publish is { } published)
        {
            row[nameof(PollEntity.PublishedCountsJson)] = JsonSerializer.Serialize(published.Counts);
            row[nameof(PollEntity.PublishedTotalVotes)] = published.TotalVotes;
            row[nameof(PollEntity.PublishedAt)] = published.PublishedAt;
        }

        try
        {
            await tables.Polls.UpdateEntityAsync(row, poll.Version, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>One point read: the outcome the key already has in this vote partition, if any.</summary>
    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(string partition, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        IdempotencyRecords.FindPriorOutcomeAsync(tables.Polls, partition, claim, cancellationToken);
}
