using Azure;
using Azure.Data.Tables;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Polls;

/// <summary>
/// Stores votes in their vote partition (<see cref="VotePartitions"/>), each as one entity-group transaction with no read
/// before it: voter row(s), receipt and ledger, idempotency record and a journal row carrying the option
/// (<see cref="VoteJournalEntity"/>). The voter token row's Add makes "one vote per token" a storage guarantee; "one
/// vote per email" is the Add of the person's index row for the poll (<see cref="SubjectIndex.TryClaimAsync"/>), made
/// first — so a vote with an email is two round trips, one by token alone is one. An Idempotency-Key adds its marker
/// first (<see cref="IdempotencyRecords.IsKeyReusedAsync"/>): one round trip more.
/// </summary>
public sealed class VoteStore(SubmissionsTables tables, SubjectIndex index, TimeProvider time)
{
    /// <summary>Looks at a claim whose vote is still on its way at most this often, backing off from 50 ms (≈3 s in all).</summary>
    private const int MaxClaimLooks = 7;

    private const int MaxCommits = 4;

    /// <param name="vote">The vote, with its partition.</param>
    /// <param name="hasLegacyVotes">The poll was created before votes were spread: its own partition may hold this token's vote.</param>
    /// <param name="receipt">Its consent receipt.</param>
    /// <param name="claim">Its idempotency claim, if the request had a key.</param>
    /// <param name="response">The answer to store with the key.</param>
    /// <param name="claimTakeover">How old a claim with no vote behind it must be before another request takes it over:
    /// longer than the storage client can take to commit the claim and the vote, so its own vote can no longer land.</param>
    /// <param name="cancellationToken">The request's token.</param>
    public async Task<SubmissionOutcome> CastAsync(
        NewVote vote, bool hasLegacyVotes, ConsentReceiptDraft receipt, IdempotencyClaim? claim, StoredResponse response, TimeSpan claimTakeover, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(receipt);

        // No vote goes to the poll's own partition any more, so a token's vote there (and its key) is final: read, then write.
        if (hasLegacyVotes && vote.VoterKey is { } voterKey
            && await IdempotencyRecords.FindSettledAsync(tables.Polls, vote.PollId, claim, [VoteEntity.TokenRowKeyFor(voterKey)], cancellationToken) is { } legacy)
        {
            return legacy;
        }

        // A key is the poll's, whoever votes with it, but its record lives in the voter's partition: its marker in the key
        // hash's vote partition tells a reuse for another voter (another partition) from a retry.
        if (claim is not null && await IdempotencyRecords.IsKeyReusedAsync(
                tables.Polls, VotePartitions.For(vote.PollId, claim.KeyHash, VotePartitions.Count), claim, time.GetUtcNow(), cancellationToken))
        {
            return new SubmissionOutcome.KeyReused();
        }

        var draft = new VoteDraft(vote, receipt, claim, response);
        if (vote.SubjectKey is null)
        {
            for (var attempt = 1; attempt < MaxCommits; attempt++)
            {
                if ((await CommitAsync(draft, cancellationToken)).Outcome is { } outcome)
                {
                    return outcome;
                }
            }

            // A conflict that kept pointing at nothing final (a key purged as it was read): what stands is a vote exists.
            return new SubmissionOutcome.Duplicate();
        }

        return await CastWithEmailAsync(draft, claimTakeover, cancellationToken);
    }

    /// <summary>The person's claim on the poll first, then the vote; a claim left by a vote that never came is taken over once old.</summary>
    private async Task<SubmissionOutcome> CastWithEmailAsync(VoteDraft draft, TimeSpan claimTakeover, CancellationToken cancellationToken)
    {
        var (vote, subjectKey) = (draft.Vote, draft.Vote.SubjectKey!);
        var claimRowKey = SubjectRecordEntity.RowKeyFor(SubjectRecordKinds.Vote, vote.PollId, VoteEntity.SubjectRowKey(subjectKey));
        var wait = TimeSpan.FromMilliseconds(50);
        for (var look = 1; look <= MaxClaimLooks; look++)
        {
            var held = await index.TryClaimAsync(
                subjectKey, SubjectRecordKinds.Vote, SubmissionsTables.PollsName, vote.PollId, vote.Partition, VoteEntity.SubjectRowKey(subjectKey), time.GetUtcNow(), cancellationToken);
            var owned = held is not null;
            SubjectRecordEntity? shared = null;
            if (held is null)
            {
                var found = await ResolveClaimAsync(draft, claimRowKey, claimTakeover, cancellationToken);
                if (found.Settled is { } settled)
                {
                    return settled;
                }

                if (found.TakenOver is null && found.Shared is null)
                {
                    // Another request of this person is between its claim and its vote (or just gave its claim back): look
                    // again shortly.
                    if (found.InFlight)
                    {
                        await Task.Delay(wait, cancellationToken);
                        wait *= 2;
                    }

                    continue;
                }

                (held, owned, shared) = (found.TakenOver, found.TakenOver is not null, found.Shared);
            }

            var (outcome, keepsClaim) = await CommitAsync(draft, cancellationToken);
            if (!keepsClaim && owned)
            {
                // Nothing of this vote was stored (its token or key was taken): a refused vote leaves no pointer behind. A
                // claim this request did not write or take over is another's, which it keeps.
                await index.ReleaseAsync(subjectKey, claimRowKey, held!.Value, cancellationToken);
            }

            if (outcome is SubmissionOutcome.Saved && shared is not null)
            {
                // This request's own claim from an attempt that failed before its vote: dated as of the vote that came.
                await index.TryTakeOverAsync(shared, shared.Partition, time.GetUtcNow(), cancellationToken);
            }

            if (outcome is not null)
            {
                return outcome;
            }
        }

        // A claim still on its way after a few seconds of looking is the vote this person has.
        return new SubmissionOutcome.Duplicate();
    }

    /// <summary>
    /// What the person's existing claim on the poll means. One that points at this vote's own partition needs no look
    /// at the vote: the Add of the person's row there decides between them (this request retried after a failure, or another with
    /// the same cookie). Else: their vote (or this request's, replayed), a claim old enough to be a vote that never
    /// came — taken over here —, or one still in flight.
    /// </summary>
    private async Task<ClaimLook> ResolveClaimAsync(VoteDraft draft, string claimRowKey, TimeSpan claimTakeover, CancellationToken cancellationToken)
    {
        if (await index.FindAsync(draft.Vote.SubjectKey!, claimRowKey, cancellationToken) is not { } claimed)
        {
            return new ClaimLook(null, null, InFlight: false);
        }

        if (claimed.Partition == draft.Vote.Partition)
        {
            return new ClaimLook(null, null, InFlight: false, Shared: claimed);
        }

        if (await IdempotencyRecords.FindSettledAsync(tables.Polls, claimed.Partition, draft.Claim, [claimed.RecordRowKey], cancellationToken) is { } settled)
        {
            return new ClaimLook(settled, null, InFlight: false);
        }

        var now = time.GetUtcNow();
        if (claimed.CreatedAt > now - claimTakeover)
        {
            return new ClaimLook(null, null, InFlight: true);
        }

        return new ClaimLook(null, await index.TryTakeOverAsync(claimed, draft.Vote.Partition, now, cancellationToken), InFlight: false);
    }

    /// <summary>
    /// The vote's transaction. Its outcome — null when the failure says nothing final (try again) — and whether the vote's
    /// person claim should stay: it does unless nothing of the person's was stored (the token or the key was taken).
    /// </summary>
    private async Task<(SubmissionOutcome? Outcome, bool KeepsClaim)> CommitAsync(VoteDraft draft, CancellationToken cancellationToken)
    {
        var (actions, keyAction, tokenAction) = draft.Actions(time.GetUtcNow());
        var partition = draft.Vote.Partition;
        try
        {
            await tables.Polls.SubmitTransactionAsync(actions, cancellationToken);
            return (new SubmissionOutcome.Saved(draft.Response), true);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // The service names the first Add that failed: the key (a retry, or a reuse), else a voter row. Without a key a
            // taken voter row is final at once; with one, the key is read again, since a concurrent retry may own the row.
            var failed = ex.FailedTransactionActionIndex;
            if ((failed == keyAction || failed == tokenAction) && failed is not null)
            {
                var prior = draft.Claim is null ? null : await FindPriorOutcomeAsync(partition, draft.Claim, cancellationToken);
                var outcome = prior ?? (failed == keyAction ? null : new SubmissionOutcome.Duplicate());
                return (outcome, outcome is SubmissionOutcome.Replayed);
            }

            // The person's row (their vote is here) or an unknown action: look.
            var settled = await IdempotencyRecords.FindSettledAsync(tables.Polls, partition, draft.Claim, draft.VoterRowKeys, cancellationToken);
            return (settled, true);
        }
    }

    private Task<SubmissionOutcome?> FindPriorOutcomeAsync(string partition, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        IdempotencyRecords.FindPriorOutcomeAsync(tables.Polls, partition, claim, cancellationToken);

    /// <summary>What looking at a person's existing claim found.</summary>
    private sealed record ClaimLook(SubmissionOutcome? Settled, ETag? TakenOver, bool InFlight, SubjectRecordEntity? Shared = null);
}
