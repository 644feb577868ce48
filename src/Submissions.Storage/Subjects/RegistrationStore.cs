using Azure.Data.Tables;
using Submissions.Domain.Privacy;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;

namespace Submissions.Storage.Subjects;

/// <summary>
/// Writes a registration as one entity-group transaction in the subject's partition: member row, consent receipt,
/// ledger rows and the idempotency record commit together or not at all. A first registration costs exactly one
/// storage round trip; the optimistic Add only falls back to a read when the member or the key already exists.
/// The answer is built before the store knows whether the person is a member, so it cannot tell a stranger (issue 14).
/// </summary>
public sealed class RegistrationStore(SubmissionsTables tables)
{
    // Each failed attempt means another writer committed, so attempts are bounded by concurrent writers of one email.
    private const int MaxAttempts = 10;

    public async Task<SubmissionOutcome> SaveAsync(
        SubjectKey subject,
        MemberRecord member,
        ConsentReceiptDraft receipt,
        IdempotencyClaim? claim,
        string registrationId,
        StoredResponse response,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentException.ThrowIfNullOrEmpty(registrationId);
        ArgumentNullException.ThrowIfNull(response);
        var partition = subject.Value;
        MemberEntity? existing = null;

        for (var attempt = 1; ; attempt++)
        {
            // A first registration's id becomes the member id; the response never depends on which case this is.
            var memberId = existing?.MemberId ?? registrationId;
            var actions = new List<TableTransactionAction>();
            if (claim is not null)
            {
                actions.Add(IdempotencyRecords.AddAction(partition, claim, response, receipt.RecordedAt));
            }

            var row = ToEntity(partition, memberId, member, receipt.RecordedAt, existing);
            actions.Add(existing is null
                ? new(TableTransactionActionType.Add, row)
                : new(TableTransactionActionType.UpdateReplace, row, existing.ETag));
            actions.AddRange(receipt.LedgerActions(partition, partition, memberId));

            try
            {
                await tables.Subjects.SubmitTransactionAsync(actions, cancellationToken);
                return new SubmissionOutcome.Saved(response, NewRecord: existing is null);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Someone holds the member row or the key: read both in one query and decide.
                var (current, idempotency) = await ReadMemberAndClaimAsync(partition, claim, cancellationToken);
                if (idempotency is not null)
                {
                    return IdempotencyRecords.OutcomeFor(claim!, idempotency.StatusCode, idempotency.ResponseJson, idempotency.RequestFingerprint)!;
                }

                existing = current;
            }
        }
    }

    /// <summary>
    /// The outcome an Idempotency-Key already has, if any: one point read. Used when a retried body no longer passes
    /// validation (a label got a new version since the first attempt), because a retry must get the first answer.
    /// </summary>
    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(SubjectKey subject, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        IdempotencyRecords.FindPriorOutcomeAsync(tables.Subjects, subject.Value, claim, cancellationToken);

    private async Task<(MemberEntity? Member, IdempotencyEntity? Claim)> ReadMemberAndClaimAsync(
        string partition, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        var claimRowKey = claim is null ? SubjectRowKeys.Member : IdempotencyRecords.RowKey(claim);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and (RowKey eq {SubjectRowKeys.Member} or RowKey eq {claimRowKey})");
        MemberEntity? member = null;
        IdempotencyEntity? stored = null;
        await foreach (var entity in tables.Subjects.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == SubjectRowKeys.Member)
            {
                member = new MemberEntity
                {
                    PartitionKey = entity.PartitionKey,
                    ETag = entity.ETag,
                    MemberId = entity.GetString(nameof(MemberEntity.MemberId)),
                    RegisteredAt = entity.GetDateTimeOffset(nameof(MemberEntity.RegisteredAt)) ?? default,
                    RegistrationCount = entity.GetInt32(nameof(MemberEntity.RegistrationCount)) ?? 0,
                };
            }
            else
            {
                stored = new IdempotencyEntity
                {
                    RequestFingerprint = entity.GetString(nameof(IdempotencyEntity.RequestFingerprint)),
                    StatusCode = entity.GetInt32(nameof(IdempotencyEntity.StatusCode)) ?? 0,
                    ResponseJson = entity.GetString(nameof(IdempotencyEntity.ResponseJson)),
                };
            }
        }

        return (member, stored);
    }

    private static MemberEntity ToEntity(string partition, string memberId, MemberRecord member, DateTimeOffset now, MemberEntity? existing) => new()
    {
        PartitionKey = partition,
        RowKey = SubjectRowKeys.Member,
        MemberId = memberId,
        Email = member.Email,
        DisplayName = member.DisplayName,
        Language = member.Language,
        Country = member.Country,
        AgeRange = member.AgeRange,
        Gender = member.Gender,
        RegisteredAt = existing?.RegisteredAt ?? now,
        UpdatedAt = now,
        RegistrationCount = (existing?.RegistrationCount ?? 0) + 1,
    };
}
