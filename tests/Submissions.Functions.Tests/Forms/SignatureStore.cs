using Azure.Data.Tables;
using Submissions.Storage;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// The petition's storage, as a form's store in Submissions.Storage would be: signatures live in their petition's
/// partition with their consent ledger and idempotency rows, so a signature is one entity-group transaction. The
/// signer's index row is written first, so no record ever exists that erasure and access cannot find.
/// </summary>
public sealed class SignatureStore(SubmissionsTables tables, SubjectIndex index)
{
    public const string RowKeyPrefix = "signature~";

    public static string RowKeyFor(string subjectKey) => RowKeyPrefix + subjectKey;

    private TableClient Petitions => tables.ByName(PetitionForm.Table);

    public Task<SubmissionOutcome?> FindPriorOutcomeAsync(string petitionId, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        IdempotencyRecords.FindPriorOutcomeAsync(Petitions, petitionId, claim, cancellationToken);

    /// <summary>
    /// Stores a signature with its receipt, consent rows and idempotency record, in one transaction — unless the key
    /// was already answered (its answer) or the person already signed (a duplicate), which store nothing at all.
    /// </summary>
    public async Task<SubmissionOutcome> AddAsync(
        NewSignature signature, ConsentReceiptDraft receipt, IdempotencyClaim? claim, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(receipt);
        if (await IdempotencyRecords.FindSettledAsync(Petitions, signature.PetitionId, claim, [signature.RowKey], cancellationToken) is { } settled)
        {
            return settled;
        }

        // The row key is the signer's, so a retry rewrites the same index row: there is never one to take back.
        await index.RecordAsync(
            signature.SubjectKey, PetitionForm.RecordKind, PetitionForm.Table, signature.PetitionId, signature.RowKey, signature.CreatedAt, cancellationToken);
        try
        {
            await Petitions.SubmitTransactionAsync(Actions(signature, receipt, claim, response), cancellationToken);
            return new SubmissionOutcome.Saved(response);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // A concurrent request stored this person's signature or used the key first; a resent transaction whose
            // answer was lost finds its own idempotency row, with this very answer.
            var prior = await IdempotencyRecords.FindSettledAsync(Petitions, signature.PetitionId, claim, [signature.RowKey], cancellationToken)
                ?? throw new InvalidOperationException("A signature transaction conflicted with no row left to explain it.", ex);
            return prior is SubmissionOutcome.Replayed { Response: var stored } && stored == response ? new SubmissionOutcome.Saved(response) : prior;
        }
    }

    /// <summary>The record row (naming its receipt and idempotency row), the receipt and consent rows, then the key's row.</summary>
    private static List<TableTransactionAction> Actions(NewSignature signature, ConsentReceiptDraft receipt, IdempotencyClaim? claim, StoredResponse response)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(signature.PetitionId, signature.RowKey)
            {
                ["SignatureId"] = signature.SignatureId,
                ["SubjectKey"] = signature.SubjectKey,
                ["Email"] = signature.Email,
                ["Name"] = signature.Name,
                ["CreatedAt"] = signature.CreatedAt,
                ["ReceiptId"] = receipt.ReceiptId,
                [IdempotencyRecords.RecordColumn] = IdempotencyRecords.RowKeyOrNull(claim),
            }),
        };
        actions.AddRange(receipt.LedgerActions(signature.PetitionId, signature.SubjectKey, signature.SignatureId));
        if (claim is not null)
        {
            actions.Add(IdempotencyRecords.AddAction(signature.PetitionId, claim, response, signature.CreatedAt));
        }

        return actions;
    }
}
