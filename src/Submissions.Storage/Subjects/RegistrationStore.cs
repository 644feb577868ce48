using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Idempotency;

namespace Submissions.Storage.Subjects;

/// <summary>
/// Registrations in the subject's partition. A registration is stored as pending — its pending row, receipt and
/// idempotency record in one transaction (its confirmation id names the partition, so no pointer row is needed: issue
/// 18) — and changes nothing about the member: the same one round trip whether the email is known or not, so neither the answer nor its timing can tell
/// a stranger (issue 17). Confirming it writes the member, its ledger rows and the confirmation record in one
/// transaction, and removes the pending row.
/// </summary>
public sealed class RegistrationStore(SubmissionsTables tables, ConfirmationStore confirmations)
{
    // Each failed attempt means another writer committed, so attempts are bounded by concurrent writers of one email;
    // a short random pause spreads confirmations clicked at the same moment.
    private const int MaxAttempts = 60;

    public async Task<SubmissionOutcome> SavePendingAsync(
        NewPendingSubmission pending, IdempotencyClaim? claim, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(response);
        var actions = new List<TableTransactionAction>();
        if (claim is not null)
        {
            actions.Add(IdempotencyRecords.AddAction(pending.Partition, claim, response, pending.CreatedAt));
        }

        actions.Add(ConfirmationStore.ReceiptAction(pending));
        actions.Add(ConfirmationStore.PendingAction(pending, IdempotencyRecords.RowKeyOrNull(claim)));
        try
        {
            await tables.Subjects.SubmitTransactionAsync(actions, cancellationToken);
            return new SubmissionOutcome.Saved(response, NewRecord: true);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409 && claim is not null)
        {
            // The only row that can exist already is the key's: a retry, or the key reused. Nothing else was written.
            if (await FindPriorOutcomeAsync(new(pending.Partition), claim, cancellationToken) is not { } prior)
            {
                throw;
            }

            return prior;
        }
    }

    /// <summary>
    /// Makes a pending registration the member: added on a first registration, replaced (under its version) on a
    /// later one, so declined demographics disappear; the answers enter the ledger as of now, with the confirmation record.
    /// </summary>
    public async Task<ConfirmationOutcome> ConfirmAsync(PendingSubmission pending, string method, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await tables.Subjects.GetEntityIfExistsAsync<MemberEntity>(pending.Partition, SubjectRowKeys.Member, cancellationToken: cancellationToken);
            var current = existing.HasValue ? existing.Value : null;
            var row = ToEntity(pending, now, current);
            var actions = new List<TableTransactionAction>
            {
                current is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, current.ETag),
            };
            actions.AddRange(ConfirmationStore.ConfirmActions(pending, method, now, ConfirmationResults.Applied));
            try
            {
                await tables.Subjects.SubmitTransactionAsync(actions, cancellationToken);
                return new ConfirmationOutcome.Applied(now, null);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                // The member changed, this pending row was confirmed by a concurrent click, or it was removed (expiry,
                // erasure) or its mail's state written meanwhile: look again.
                if (await confirmations.RereadAsync(pending, cancellationToken) is not { } again)
                {
                    return await confirmations.FindAsync(pending.ConfirmationId, cancellationToken) is { Confirmed: { } record }
                        ? new ConfirmationOutcome.AlreadyConfirmed(record)
                        : new ConfirmationOutcome.NotFound();
                }

                pending = again;
                await Task.Delay(Random.Shared.Next(5, 25 * Math.Min(attempt, 8)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The outcome an Idempotency-Key already has, if any: one point read. Used when a retried body no longer passes
    /// validation (a label got a new version since the first attempt), because a retry must get the first answer.
    /// </summary>
    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(Domain.Privacy.SubjectKey subject, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        IdempotencyRecords.FindPriorOutcomeAsync(tables.Subjects, subject.Value, claim, cancellationToken);

    private static MemberEntity ToEntity(PendingSubmission pending, DateTimeOffset now, MemberEntity? existing)
    {
        var data = JsonSerializer.Deserialize<RegistrationData>(pending.DataJson) ?? new RegistrationData(null, null, null, null);
        return new()
        {
            PartitionKey = pending.Partition,
            RowKey = SubjectRowKeys.Member,
            // A first registration's id becomes the member id.
            MemberId = existing?.MemberId ?? pending.SubmissionId,
            Email = pending.Email,
            DisplayName = pending.Name,
            Language = data.Language,
            Country = data.Country,
            AgeRange = data.AgeRange,
            Gender = data.Gender,
            RegisteredAt = existing?.RegisteredAt ?? now,
            UpdatedAt = now,
            RegistrationCount = (existing?.RegistrationCount ?? 0) + 1,
            ConfirmedAt = now,
        };
    }
}
