using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Submissions.Domain.Consent;
using Submissions.Domain.Promotions;
using Submissions.Storage.Comments;
using Submissions.Storage.Deliveries;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;
using Submissions.Storage.Promotions;
using Submissions.Storage.Subjects;

namespace Submissions.Storage.Exports;

/// <summary>
/// The queries behind the admin exports. Each yields one list per storage page (at most 1,000 rows) as the service
/// returns it, so a caller that writes each page out before asking for the next holds one page at a time, whatever the
/// size of the export. Every filter is server-side: the date range and the RowKey range of the row kind, and only the
/// columns the export writes are selected (a comment's email, for one, never leaves storage).
/// A range of at most <see cref="IndexedRangeMaxDays"/> days of finished, indexed days, of a kind the export day index
/// covers (<see cref="ExportIndexKinds.Indexed"/>), is read through the index (<see cref="ExportDayIndexStore"/>): each
/// day's pointers, then a point read of each row, so it reads the rows it exports and no others. Any other range —
/// longer, or reaching a day not indexed yet (today, yesterday within the grace) — is one scan, as before.
/// </summary>
public sealed class ExportQueries(SubmissionsTables tables, ExportDayIndexStore index)
{
    /// <summary>
    /// The longest range read through the index. A point read per row beats a scan of the whole kind while the range
    /// holds well under a tenth of the rows kept (a page of a scan returns up to 1,000 rows per round trip); a week is
    /// that for any kind kept longer than a few months. Longer ranges are export jobs, which scan.
    /// </summary>
    public const int IndexedRangeMaxDays = 7;

    /// <summary>Point reads in flight per export: enough to hide a round trip's latency, few enough for one partition.</summary>
    private const int PointReadConcurrency = 16;

    private static readonly string[] CommentColumns =
    [
        nameof(CommentEntity.PartitionKey), nameof(CommentEntity.RowKey), nameof(CommentEntity.DisplayName), nameof(CommentEntity.ShowName),
        nameof(CommentEntity.Text), nameof(CommentEntity.Status), nameof(CommentEntity.ReceiptId), nameof(CommentEntity.CreatedAt), nameof(CommentEntity.ModeratedAt),
    ];

    private static readonly string[] VoteColumns =
    [
        nameof(VoteEntity.PartitionKey), nameof(VoteEntity.RowKey), nameof(VoteEntity.VoteId), nameof(VoteEntity.OptionId),
        nameof(VoteEntity.TokenRowKey), nameof(VoteEntity.ReceiptId), nameof(VoteEntity.CreatedAt),
    ];

    private static readonly string[] EntryColumns =
    [
        nameof(PromotionEntryEntity.PartitionKey), nameof(PromotionEntryEntity.RowKey), nameof(PromotionEntryEntity.EntryId), nameof(PromotionEntryEntity.SubjectKey),
        nameof(PromotionEntryEntity.Email), nameof(PromotionEntryEntity.Name), nameof(PromotionEntryEntity.FieldsJson), nameof(PromotionEntryEntity.SharingGranted),
        nameof(PromotionEntryEntity.ReceiptId), nameof(PromotionEntryEntity.CreatedAt),
    ];

    private static readonly string[] PromotionColumns =
    [
        nameof(PromotionEntity.PartitionKey), nameof(PromotionEntity.RowKey), nameof(PromotionEntity.PartnerId), nameof(PromotionEntity.SharingLabels), nameof(PromotionEntity.FieldsJson),
    ];

    private static readonly string[] LedgerColumns =
    [
        nameof(ConsentRecordEntity.PartitionKey), nameof(ConsentRecordEntity.RowKey), nameof(ConsentRecordEntity.LabelId), nameof(ConsentRecordEntity.Version),
        nameof(ConsentRecordEntity.Purpose), nameof(ConsentRecordEntity.PartnerId), nameof(ConsentRecordEntity.TextSha256), nameof(ConsentRecordEntity.Granted),
        nameof(ConsentRecordEntity.RecordedAt), nameof(ConsentRecordEntity.Form), nameof(ConsentRecordEntity.SubmissionId), nameof(ConsentRecordEntity.ReceiptId),
    ];

    private static readonly string[] SharingColumns =
    [
        nameof(ConsentRecordEntity.PartitionKey), nameof(ConsentRecordEntity.RowKey), nameof(ConsentRecordEntity.LabelId),
        nameof(ConsentRecordEntity.Granted), nameof(ConsentRecordEntity.RecordedAt), nameof(ConsentRecordEntity.Form),
    ];

    /// <summary>
    /// Subjects: every member row registered in the range, and every row of the consent~ range of every partition, in
    /// PartitionKey/RowKey order — so a person's own ledger arrives next to their member row and their effective consent
    /// is judged without a query per member. Ledger rows of partitions without a member in range come back and are
    /// dropped by the caller: this is a scan of every person's own ledger (registrations and withdrawals).
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<RegistrationExportRecord>> RegistrationPagesAsync(ExportRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (consentFrom, consentTo) = PrefixRange(LedgerRowKeys.ConsentPrefix);
        if (await IsIndexedAsync(range, cancellationToken))
        {
            await foreach (var page in IndexedPeopleAsync(range, consentFrom, consentTo, cancellationToken))
            {
                yield return page;
            }

            yield break;
        }

        var filter = TableClient.CreateQueryFilter(
            $"(RowKey eq {SubjectRowKeys.Member} and RegisteredAt ge {range.From} and RegisteredAt lt {range.To}) or (RowKey ge {consentFrom} and RowKey lt {consentTo})");
        await foreach (var page in PagesAsync<RegistrationExportRow, RegistrationExportRecord>(tables.Subjects, filter, RegistrationExportRow.Columns, row => row.ToRecord(), cancellationToken))
        {
            yield return page;
        }
    }

    /// <summary>
    /// Registrations through the index: per member pointer, one query of that person's partition for their member row
    /// and own ledger (the rows the scan would have brought together), kept when the member is still registered on the
    /// day that indexed them. A person's rows stay together, as the export expects.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<RegistrationExportRecord>> IndexedPeopleAsync(
        ExportRange days, string consentFrom, string consentTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var day = DayOf(days.From); Midnight(day) < days.To; day = day.AddDays(1))
        {
            await foreach (var pointers in index.DayAsync(ExportIndexKinds.Registrations, day, cancellationToken))
            {
                var people = new List<RegistrationExportRecord>[pointers.Count];
                var options = new ParallelOptions { MaxDegreeOfParallelism = PointReadConcurrency, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, pointers.Count), options, async (i, token) =>
                {
                    var subjectKey = pointers[i].PartitionKey;
                    var filter = TableClient.CreateQueryFilter(
                        $"PartitionKey eq {subjectKey} and (RowKey eq {SubjectRowKeys.Member} or (RowKey ge {consentFrom} and RowKey lt {consentTo}))");
                    var rows = new List<RegistrationExportRecord>();
                    await foreach (var row in tables.Subjects.QueryAsync<RegistrationExportRow>(filter, select: RegistrationExportRow.Columns, cancellationToken: token))
                    {
                        rows.Add(row.ToRecord());
                    }

                    people[i] = rows;
                });

                var stampedDay = day;
                yield return [.. people
                    .Where(rows => IsStampedOn(rows.FirstOrDefault(row => row.IsMember)?.RegisteredAt, days, stampedDay))
                    .SelectMany(rows => rows)];
            }
        }
    }

    /// <summary>Comments: the comment~ range of every page, created in the range. Ledger and idempotency rows are outside it.</summary>
    public IAsyncEnumerable<IReadOnlyList<CommentExportRow>> CommentPagesAsync(ExportRange range, CancellationToken cancellationToken)
    {
        var (from, to) = PrefixRange(CommentEntity.RowKeyPrefix);
        return IndexedOrScannedAsync<CommentEntity, CommentExportRow>(
            ExportIndexKinds.Comments,
            range,
            tables.Comments,
            rest => TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to} and CreatedAt ge {rest.From} and CreatedAt lt {rest.To}"),
            CommentColumns,
            comment => comment.CreatedAt,
            comments => comments.Select(comment => new CommentExportRow(
                CommentIds.Encode(comment.PartitionKey, comment.RowKey), comment.PartitionKey, comment.CreatedAt, comment.Status, comment.ModeratedAt,
                comment.DisplayName, comment.ShowName, comment.Text, comment.ReceiptId)),
            cancellationToken);
    }

    /// <summary>
    /// Votes: one row per vote — every voter~t~ row, and the voter~s~ rows of votes cast with an email only. A vote cast
    /// with both has both rows, and its voter~s~ row names the token row; Table Storage cannot filter on a missing
    /// column, so those come back and are dropped here (at most one extra row per such vote). Bare token rows left by an
    /// erasure have no CreatedAt and never match the date filter. A vote names its poll, not the vote partition it is in.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<VoteExportRow>> VotePagesAsync(ExportRange range, CancellationToken cancellationToken)
    {
        var (from, to) = PrefixRange(VoteEntity.RowKeyPrefix);
        return IndexedOrScannedAsync<VoteEntity, VoteExportRow>(
            ExportIndexKinds.Votes,
            range,
            tables.Polls,
            rest => TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to} and CreatedAt ge {rest.From} and CreatedAt lt {rest.To}"),
            VoteColumns,
            vote => vote.CreatedAt,
            votes => votes.Where(vote => VoteEntity.StandsForItsVote(vote.RowKey, vote.TokenRowKey)).Select(vote => new VoteExportRow(
                vote.VoteId, VotePartitions.PollIdOf(vote.PartitionKey), vote.OptionId, vote.RowKey.StartsWith(VoteEntity.TokenRowKeyPrefix, StringComparison.Ordinal), vote.CreatedAt, vote.ReceiptId)),
            cancellationToken);
    }

    /// <summary>Promotion entries: the entry~ range of every promotion, created in the range.</summary>
    public IAsyncEnumerable<IReadOnlyList<PromotionEntryExportRow>> PromotionEntryPagesAsync(ExportRange range, CancellationToken cancellationToken)
    {
        var (from, to) = PrefixRange(PromotionEntryEntity.RowKeyPrefix);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to} and CreatedAt ge {range.From} and CreatedAt lt {range.To}");
        return PagesAsync<PromotionEntryEntity, PromotionEntryExportRow>(
            tables.Promotions,
            filter,
            EntryColumns,
            entry => new(
                entry.EntryId, PromotionPartitions.PromotionIdOf(entry.PartitionKey), entry.SubjectKey, entry.CreatedAt, entry.Email, entry.Name, entry.FieldsJson, entry.SharingGranted, entry.ReceiptId, entry.PartitionKey),
            cancellationToken);
    }

    /// <summary>
    /// Every promotion's fields — for the entry export's field columns, which a CSV
    /// header must name before the first row. A cross-partition RowKey eq: a scan of Promotions returning one row per
    /// promotion (as the retention purge's daily query).
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<PromotionField>>> PromotionFieldsAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {PromotionEntity.PromotionRowKey}");
        var promotions = new List<IReadOnlyList<PromotionField>>();
        await foreach (var page in PagesAsync<PromotionEntity>(tables.Promotions, filter, PromotionColumns, cancellationToken))
        {
            promotions.AddRange(page.Select(promotion => promotion.Fields));
        }

        return promotions;
    }

    /// <summary>
    /// An entrant's partner-sharing records: those in the entry's partition (<paramref name="partition"/>: what they
    /// answered with the entry) and those in their own (where withdrawals go) — two range queries, in parallel.
    /// </summary>
    public async Task<EntrySharingRecords> SharingRecordsAsync(string partition, string subjectKey, CancellationToken cancellationToken)
    {
        var (from, to) = LedgerRowKeys.SubjectRange(subjectKey);
        var inPromotion = ReadAsync(
            tables.Promotions,
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to} and Purpose eq {ConsentPurpose.PartnerSharing}"),
            cancellationToken);
        var inSubject = ReadAsync(
            tables.Subjects,
            TableClient.CreateQueryFilter($"PartitionKey eq {subjectKey} and RowKey ge {from} and RowKey lt {to} and Purpose eq {ConsentPurpose.PartnerSharing}"),
            cancellationToken);
        await Task.WhenAll(inPromotion, inSubject);
        return new EntrySharingRecords(await inPromotion, await inSubject);
    }

    /// <summary>
    /// The consent ledger of every registered form's tables (Subjects, Comments, Polls, Promotions, ...), recorded in
    /// the range: a cross-partition query over the consent~ range per table, one after the other, each in
    /// PartitionKey/RowKey order.
    /// </summary>
    public async IAsyncEnumerable<ConsentExportPage> ConsentPagesAsync(ExportRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await IsIndexedAsync(range, cancellationToken))
        {
            await foreach (var page in IndexedRowsAsync<ConsentRecordEntity>(ExportIndexKinds.Consents, range, LedgerColumns, record => record.RecordedAt, cancellationToken))
            {
                foreach (var table in page.GroupBy(row => row.Table, StringComparer.Ordinal))
                {
                    yield return new ConsentExportPage(table.Key, [.. table.Select(row => ConsentRecord.From(row.Row))]);
                }
            }

            yield break;
        }

        var (from, to) = PrefixRange(LedgerRowKeys.ConsentPrefix);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to} and RecordedAt ge {range.From} and RecordedAt lt {range.To}");
        foreach (var name in tables.LedgerTableNames)
        {
            await foreach (var page in PagesAsync<ConsentRecordEntity>(tables.ByName(name), filter, LedgerColumns, cancellationToken))
            {
                yield return new ConsentExportPage(name, [.. page.Select(ConsentRecord.From)]);
            }
        }
    }

    /// <summary>Disclosures made in the range: a scan of the Disclosures table filtered on DisclosedAt.</summary>
    public IAsyncEnumerable<IReadOnlyList<StoredDisclosure>> DisclosurePagesAsync(ExportRange range, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"DisclosedAt ge {range.From} and DisclosedAt lt {range.To}");
        return PagesAsync<DisclosureEntity, StoredDisclosure>(tables.Disclosures, filter, null, StoredDisclosure.From, cancellationToken);
    }

    /// <summary>
    /// Whether the range is read through the index: at most <see cref="IndexedRangeMaxDays"/> long, and over days all
    /// indexed (a range reaching past them would scan the whole kind anyway). One point read of the index state.
    /// </summary>
    private async Task<bool> IsIndexedAsync(ExportRange range, CancellationToken cancellationToken) =>
        range.To - range.From <= TimeSpan.FromDays(IndexedRangeMaxDays)
        && await index.IndexedThroughAsync(cancellationToken) is { } last
        && range.To <= Midnight(last.AddDays(1));

    /// <summary>A plain kind: through the index when the range is indexed, else by its scan, each page mapped to export rows.</summary>
    private async IAsyncEnumerable<IReadOnlyList<TRow>> IndexedOrScannedAsync<T, TRow>(
        string kind,
        ExportRange range,
        TableClient table,
        Func<ExportRange, string> scanFilter,
        string[]? select,
        Func<T, DateTimeOffset?> stampedAt,
        Func<IEnumerable<T>, IEnumerable<TRow>> map,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        if (await IsIndexedAsync(range, cancellationToken))
        {
            await foreach (var page in IndexedRowsAsync(kind, range, select, stampedAt, cancellationToken))
            {
                yield return [.. map(page.Select(row => row.Row))];
            }

            yield break;
        }

        await foreach (var page in PagesAsync<T>(table, scanFilter(range), select, cancellationToken))
        {
            yield return [.. map(page)];
        }
    }

    /// <summary>
    /// The rows of <paramref name="kind"/> stamped in <paramref name="days"/>, through the index: per day, each page of
    /// pointers, then a point read of each row (<see cref="PointReadConcurrency"/> at a time), yielded in pointer order.
    /// A row is kept only if it still exists and is still stamped on the day that indexed it, inside the range, so a row
    /// removed since, or restamped onto another day, is neither lost nor read twice.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<(string Table, T Row)>> IndexedRowsAsync<T>(
        string kind, ExportRange days, string[]? select, Func<T, DateTimeOffset?> stampedAt, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        for (var day = DayOf(days.From); Midnight(day) < days.To; day = day.AddDays(1))
        {
            await foreach (var pointers in index.DayAsync(kind, day, cancellationToken))
            {
                var rows = new T?[pointers.Count];
                var options = new ParallelOptions { MaxDegreeOfParallelism = PointReadConcurrency, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, pointers.Count), options, async (i, token) =>
                {
                    // A pointer into the table of a form no longer registered leads to nothing this export reads.
                    var pointer = pointers[i];
                    var row = tables.HoldsRecords(pointer.Table)
                        ? await tables.ByName(pointer.Table).GetEntityIfExistsAsync<T>(pointer.PartitionKey, pointer.RowKey, select, token)
                        : null;
                    rows[i] = row is { HasValue: true } ? row.Value : null;
                });

                var stampedDay = day;
                yield return [.. Enumerable.Range(0, rows.Length)
                    .Where(i => rows[i] is { } row && IsStampedOn(stampedAt(row), days, stampedDay))
                    .Select(i => (pointers[i].Table, rows[i]!))];
            }
        }
    }

    /// <summary>Whether a row read through the pointers of <paramref name="day"/> is still stamped on that day, inside the range.</summary>
    private static bool IsStampedOn(DateTimeOffset? stamp, ExportRange range, DateOnly day) =>
        stamp is { } at && at >= range.From && at < range.To && DayOf(at) == day;

    private static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>[prefix, prefix + "~"): '~' sorts after every character the app puts in a key after a prefix.</summary>
    private static (string From, string To) PrefixRange(string prefix) => (prefix, prefix + "~");

    private static async IAsyncEnumerable<IReadOnlyList<TRow>> PagesAsync<T, TRow>(
        TableClient table, string filter, IEnumerable<string>? select, Func<T, TRow> map, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        await foreach (var page in PagesAsync<T>(table, filter, select, cancellationToken))
        {
            yield return [.. page.Select(map)];
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(
        TableClient table, string filter, IEnumerable<string>? select, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        await foreach (var page in table.QueryAsync<T>(filter, select: select, cancellationToken: cancellationToken).AsPages())
        {
            yield return page.Values;
        }
    }

    private static async Task<IReadOnlyList<ConsentRecord>> ReadAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var records = new List<ConsentRecord>();
        await foreach (var record in table.QueryAsync<ConsentRecordEntity>(filter, select: SharingColumns, cancellationToken: cancellationToken))
        {
            records.Add(ConsentRecord.From(record));
        }

        return records;
    }
}
