using Azure;
using Azure.Data.Tables;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Ledger;

namespace Submissions.Storage.Subjects;

/// <summary>
/// Reads and removes everything about one person — by key, never by scanning a table: their Subjects partition (one
/// query), each record its index rows point to (one point read), their range of each such partition's ledger (one
/// range query per partition), and their Disclosures partition (one query).
/// </summary>
public sealed class SubjectRecordsStore(SubmissionsTables tables)
{
    private const int Parallelism = 8;
    private const string ShowName = "ShowName";
    private static readonly string[] ShowNameColumns = ["PartitionKey", "RowKey", ShowName];

    public async Task<SubjectSnapshot> ReadAsync(string subjectKey, bool includeRecordRows, CancellationToken cancellationToken)
    {
        var ownRowsTask = QueryListAsync<TableEntity>(tables.Subjects, TableClient.CreateQueryFilter($"PartitionKey eq {subjectKey}"), cancellationToken);
        var disclosuresTask = ReadDisclosuresAsync(subjectKey, cancellationToken);
        var ownRows = await ownRowsTask.ConfigureAwait(false);

        var indexRows = ownRows.Where(row => row.RowKey.StartsWith(SubjectRecordEntity.RowKeyPrefix, StringComparison.Ordinal)).Select(ToIndex).ToList();
        var records = new SubjectRecord[indexRows.Count];
        var partitions = indexRows.Select(index => (index.Table, index.Partition)).Distinct().ToList();
        var ledgers = new PartitionLedger[partitions.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

        var readRecords = includeRecordRows
            ? Parallel.ForEachAsync(Enumerable.Range(0, indexRows.Count), options, async (i, token) =>
            {
                var index = indexRows[i];
                var row = await tables.ByName(index.Table).GetEntityIfExistsAsync<TableEntity>(index.Partition, index.RecordRowKey, cancellationToken: token).ConfigureAwait(false);
                records[i] = new SubjectRecord(index, row.HasValue ? row.Value : null);
            })
            : Task.CompletedTask;
        var readLedgers = Parallel.ForEachAsync(Enumerable.Range(0, partitions.Count), options, async (i, token) =>
        {
            var (table, partition) = partitions[i];
            ledgers[i] = new PartitionLedger(table, partition, await ReadLedgerAsync(tables.ByName(table), partition, subjectKey, token).ConfigureAwait(false));
        });
        await Task.WhenAll(readRecords, readLedgers, disclosuresTask).ConfigureAwait(false);

        var ownLedger = new PartitionLedger(
            SubmissionsTables.SubjectsName,
            subjectKey,
            [.. ownRows.Where(row => row.RowKey.StartsWith(LedgerRowKeys.ConsentPrefix, StringComparison.Ordinal)).Select(ToConsentRecord)]);
        return new SubjectSnapshot(
            subjectKey,
            ownRows,
            includeRecordRows ? records : [.. indexRows.Select(index => new SubjectRecord(index, null))],
            [ownLedger, .. ledgers],
            await disclosuresTask.ConfigureAwait(false));
    }

    /// <summary>The person's disclosures, read again after a withdrawal or erasure took effect (see ConsentWithdrawal).</summary>
    public Task<List<DisclosureEntity>> ReadDisclosuresAsync(string subjectKey, CancellationToken cancellationToken) =>
        QueryListAsync<DisclosureEntity>(tables.Disclosures, TableClient.CreateQueryFilter($"PartitionKey eq {subjectKey}"), cancellationToken);

    /// <summary>The person's tombstone, if they were ever erased.</summary>
    public async Task<TombstoneEntity?> GetTombstoneAsync(string subjectKey, CancellationToken cancellationToken)
    {
        var row = await tables.Subjects.GetEntityIfExistsAsync<TombstoneEntity>(subjectKey, TombstoneEntity.TombstoneRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Deletes rows of one partition in the order given — so a caller puts the rows it finds the others by last — with
    /// missing rows no error, and <paramref name="stripRowKeys"/> kept as bare rows (<see cref="PartitionDeletes"/>).
    /// </summary>
    public Task DeleteRowsAsync(string table, string partition, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken, IReadOnlyCollection<string>? stripRowKeys = null) =>
        PartitionDeletes.DeleteAsync(tables.ByName(table), partition, rowKeys, cancellationToken, stripRowKeys);

    /// <summary>Deletes a person's disclosure records (after the notices that name them are stored); returns how many.</summary>
    public async Task<int> DeleteDisclosuresAsync(string subjectKey, IReadOnlyCollection<DisclosureEntity> disclosures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disclosures);
        await PartitionDeletes.DeleteAsync(tables.Disclosures, subjectKey, disclosures.Select(row => row.RowKey), cancellationToken).ConfigureAwait(false);
        return disclosures.Count;
    }

    /// <summary>
    /// Writes the tombstone only if nobody wrote it since this run read or last wrote it: an Add when there was none,
    /// else a Replace under the ETag it holds, keeping the new one. False when somebody else got there first — another
    /// erasure of the person claimed it, or took it over after this run's lease ran out — and nothing was written.
    /// </summary>
    public async Task<bool> TryWriteTombstoneAsync(TombstoneEntity tombstone, bool isNew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        try
        {
            var response = isNew
                ? await tables.Subjects.AddEntityAsync(tombstone, cancellationToken).ConfigureAwait(false)
                : await tables.Subjects.UpdateEntityAsync(tombstone, tombstone.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            tombstone.ETag = response.Headers.ETag ?? tombstone.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Appends to the person's own partition in one transaction: a withdrawal's receipt and ledger rows, with any change it implies to the member row.</summary>
    public Task AppendAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        tables.Subjects.SubmitTransactionAsync(actions, cancellationToken);

    /// <summary>
    /// Hides the name of each comment that still shows it (its public-display consent was withdrawn); returns how many
    /// it changed. Idempotent: a hidden or missing comment (never stored, purged, erased) is left alone.
    /// </summary>
    public async Task<int> HideCommentNamesAsync(IReadOnlyCollection<(string PageId, string RowKey)> comments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var hidden = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(comments, options, async (comment, token) =>
        {
            var row = await tables.Comments.GetEntityIfExistsAsync<TableEntity>(comment.PageId, comment.RowKey, ShowNameColumns, token).ConfigureAwait(false);
            if (!row.HasValue || row.Value!.GetBoolean(ShowName) != true)
            {
                return;
            }

            try
            {
                await tables.Comments.UpdateEntityAsync(new TableEntity(comment.PageId, comment.RowKey) { [ShowName] = false }, ETag.All, TableUpdateMode.Merge, token).ConfigureAwait(false);
                Interlocked.Increment(ref hidden);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted since it was read (retention, erasure): nothing left to hide.
            }
        }).ConfigureAwait(false);
        return hidden;
    }

    private static async Task<List<ConsentRecordEntity>> ReadLedgerAsync(TableClient table, string partition, string subjectKey, CancellationToken cancellationToken)
    {
        var (from, to) = LedgerRowKeys.SubjectRange(subjectKey);
        return await QueryListAsync<ConsentRecordEntity>(table, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}"), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<T>> QueryListAsync<T>(TableClient table, string filter, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static SubjectRecordEntity ToIndex(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        Kind = row.GetString(nameof(SubjectRecordEntity.Kind)) ?? string.Empty,
        Table = row.GetString(nameof(SubjectRecordEntity.Table)) ?? string.Empty,
        Partition = row.GetString(nameof(SubjectRecordEntity.Partition)) ?? string.Empty,
        RecordRowKey = row.GetString(nameof(SubjectRecordEntity.RecordRowKey)) ?? string.Empty,
        CreatedAt = row.GetDateTimeOffset(nameof(SubjectRecordEntity.CreatedAt)) ?? default,
    };

    private static ConsentRecordEntity ToConsentRecord(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        SubjectKey = row.GetString(nameof(ConsentRecordEntity.SubjectKey)),
        LabelId = row.GetString(nameof(ConsentRecordEntity.LabelId)) ?? string.Empty,
        Version = row.GetInt32(nameof(ConsentRecordEntity.Version)) ?? 0,
        Purpose = row.GetString(nameof(ConsentRecordEntity.Purpose)) ?? string.Empty,
        PartnerId = row.GetString(nameof(ConsentRecordEntity.PartnerId)),
        TextSha256 = row.GetString(nameof(ConsentRecordEntity.TextSha256)) ?? string.Empty,
        Granted = row.GetBoolean(nameof(ConsentRecordEntity.Granted)) ?? false,
        RecordedAt = row.GetDateTimeOffset(nameof(ConsentRecordEntity.RecordedAt)) ?? default,
        Form = row.GetString(nameof(ConsentRecordEntity.Form)) ?? string.Empty,
        SubmissionId = row.GetString(nameof(ConsentRecordEntity.SubmissionId)) ?? string.Empty,
        ReceiptId = row.GetString(nameof(ConsentRecordEntity.ReceiptId)) ?? string.Empty,
    };
}
