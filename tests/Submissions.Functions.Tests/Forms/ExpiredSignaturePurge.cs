using Azure;
using Azure.Data.Tables;
using Submissions.Application.Retention;
using Submissions.Storage;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// The petition form's retention purge: signatures older than <see cref="PetitionForm.KeptFor"/> go, with their receipt
/// and consent rows, then their signer's index row. Its idempotency rows are left to the idempotency purge.
/// </summary>
public sealed class ExpiredSignaturePurge(SubmissionsTables tables) : IRetentionPurge
{
    public string Kind => PetitionForm.PurgeKind;

    public int Order => RetentionOrder.FormRecords;

    public DateTimeOffset CutoffFor(DateTimeOffset ranAt) => ranAt - PetitionForm.KeptFor;

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var petitions = tables.ByName(PetitionForm.Table);
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {SignatureStore.RowKeyPrefix} and RowKey lt {SignatureStore.RowKeyPrefix + "~"} and CreatedAt lt {cutoff}");
        var purged = 0;
        await foreach (var signature in petitions.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var subjectKey = signature.GetString("SubjectKey")!;
            var (from, to) = LedgerRowKeys.SubjectRange(subjectKey);
            var consents = TableClient.CreateQueryFilter($"PartitionKey eq {signature.PartitionKey} and RowKey ge {from} and RowKey lt {to}");
            var rowKeys = new List<string> { LedgerRowKeys.Receipt(signature.GetString("ReceiptId")!) };
            await foreach (var consent in petitions.QueryAsync<TableEntity>(consents, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                rowKeys.Add(consent.RowKey);
            }

            rowKeys.Add(signature.RowKey);
            await petitions.SubmitTransactionAsync(
                rowKeys.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(signature.PartitionKey, rowKey), ETag.All)),
                cancellationToken);
            var indexRowKey = SubjectRecordEntity.RowKeyFor(PetitionForm.RecordKind, signature.PartitionKey, signature.RowKey);
            await tables.Subjects.DeleteEntityAsync(subjectKey, indexRowKey, ETag.All, cancellationToken);
            purged++;
        }

        return purged;
    }
}
