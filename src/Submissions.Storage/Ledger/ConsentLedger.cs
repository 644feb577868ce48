using Azure.Data.Tables;

namespace Submissions.Storage.Ledger;

/// <summary>Reads of the append-only consent ledger.</summary>
public static class ConsentLedger
{
    /// <summary>The newest record of one person's answers to one label in one partition: the first row of its range.</summary>
    public static async Task<ConsentRecordEntity?> LatestAsync(TableClient table, string partition, string labelId, string subjectKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (from, to) = LedgerRowKeys.ConsentRange(labelId, subjectKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var record in table.QueryAsync<ConsentRecordEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return record;
        }

        return null;
    }
}
