using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Domain.Statistics;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;
using Submissions.Storage.Promotions;

namespace Submissions.Storage.Statistics;

/// <summary>
/// The reads behind GET manage/stats. Each is one server-side filtered query (Table Storage has no secondary index, so
/// a cross-partition RowKey range is a scan of the table that returns only matching rows), selecting only the
/// columns counted — never Email, Name, Text or any other personal column — and counting as pages arrive, so memory
/// holds counters, not rows. The twelve queries run concurrently; see docs/data-model.md "Statistics" for costs. Only
/// the daily roll-up runs them (once per finished day, or once for every day it catches up): GET manage/stats reads
/// the roll-ups (<see cref="DailyStatisticsStore"/>).
/// </summary>
public sealed class StatisticsReader(SubmissionsTables tables)
{
    private static readonly string[] ReceiptColumns = ["PartitionKey", "Form", "RecordedAt"];
    private static readonly string[] AnswerColumns = ["LabelId", "Granted", "Form", "RecordedAt"];
    private static readonly string[] PollColumns = ["PartitionKey", "OptionsJson", "Status", "CreatedAt", "UpdatedAt"];
    private static readonly string[] VoteColumns = ["PartitionKey", "RowKey", "OptionId", "TokenRowKey", "CreatedAt"];

    public async Task<StoredCounts> ReadAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> answerForms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answerForms);
        var ledgerTables = new[] { tables.Subjects, tables.Comments, tables.Polls, tables.Promotions };
        var receipts = new ConcurrentDictionary<string, Dictionary<DateOnly, long>>(StringComparer.Ordinal);
        var entries = new Dictionary<string, Dictionary<DateOnly, long>>(StringComparer.Ordinal);
        var answers = new ConcurrentDictionary<string, LabelAnswers>(StringComparer.Ordinal);

        var receiptReads = ledgerTables.Select(table => CountReceiptsAsync(table, from, to, receipts, table == ledgerTables[3] ? entries : null, cancellationToken));
        var answerReads = ledgerTables.Select(table => CountAnswersAsync(table, from, to, answerForms, answers, cancellationToken));
        var polls = ReadPollsAsync(from, to, cancellationToken);
        var promotions = ReadPromotionsAsync(from, to, cancellationToken);
        var labels = ReadLabelFormsAsync(cancellationToken);
        await Task.WhenAll([.. receiptReads, .. answerReads, polls, promotions, labels]);

        return new StoredCounts(receipts, entries, await promotions, await polls, answers, await labels);
    }

    /// <summary>Every receipt~ row recorded in the range: one per submission (or withdrawal), no personal column.</summary>
    private static async Task CountReceiptsAsync(
        TableClient table, DateTimeOffset from, DateTimeOffset to, ConcurrentDictionary<string, Dictionary<DateOnly, long>> receipts,
        Dictionary<string, Dictionary<DateOnly, long>>? perPartition, CancellationToken cancellationToken)
    {
        var (low, high) = Range(LedgerRowKeys.ReceiptPrefix);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {low} and RowKey lt {high} and RecordedAt ge {from} and RecordedAt lt {to}");
        var local = new Dictionary<(string Form, DateOnly Day), long>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ReceiptColumns, cancellationToken: cancellationToken))
        {
            var form = row.GetString("Form") ?? string.Empty;
            var day = DateOnly.FromDateTime(row.GetDateTimeOffset("RecordedAt")!.Value.UtcDateTime);
            local[(form, day)] = local.GetValueOrDefault((form, day)) + 1;
            if (perPartition is not null)
            {
                // Only promotions count per partition: per promotion, whichever bucket (issue 18) or legacy partition the row is in.
                var promotionId = PromotionPartitions.PromotionIdOf(row.PartitionKey);
                var partition = perPartition.TryGetValue(promotionId, out var existing) ? existing : perPartition[promotionId] = [];
                partition[day] = partition.GetValueOrDefault(day) + 1;
            }
        }

        foreach (var ((form, day), count) in local)
        {
            var days = receipts.GetOrAdd(form, _ => []);
            lock (days)
            {
                days[day] = days.GetValueOrDefault(day) + count;
            }
        }
    }

    /// <summary>Every consent~ ledger row recorded in the range on one of <paramref name="forms"/> (not withdrawals).</summary>
    private static async Task CountAnswersAsync(
        TableClient table, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> forms, ConcurrentDictionary<string, LabelAnswers> answers, CancellationToken cancellationToken)
    {
        var (low, high) = Range(LedgerRowKeys.ConsentPrefix);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {low} and RowKey lt {high} and RecordedAt ge {from} and RecordedAt lt {to}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: AnswerColumns, cancellationToken: cancellationToken))
        {
            var form = row.GetString("Form") ?? string.Empty;
            if (!forms.Contains(form))
            {
                continue;
            }

            var day = DateOnly.FromDateTime(row.GetDateTimeOffset("RecordedAt")!.Value.UtcDateTime);
            var label = answers.GetOrAdd(row.GetString("LabelId") ?? string.Empty, _ => new LabelAnswers());
            lock (label)
            {
                var perDay = row.GetBoolean("Granted") == true ? label.Granted : label.Declined;
                perDay[day] = perDay.GetValueOrDefault(day) + 1;

                label.Forms.Add(form);
                var dayForms = label.FormsByDay.TryGetValue(day, out var known) ? known : label.FormsByDay[day] = new(StringComparer.Ordinal);
                dayForms.Add(form);
            }
        }
    }

    /// <summary>
    /// Every poll row (options, status, dates), and the votes cast in the range, counted from the voter rows by their
    /// time — option and time only. A vote with a voter token has its token row counted; one without, its person row
    /// (a person row that names a token row is the same vote). Voter rows are in the poll's vote partitions, or in its own
    /// for a poll created before votes were spread: both are counted for the poll.
    /// </summary>
    private async Task<IReadOnlyList<PollCounts>> ReadPollsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var definitions = TableClient.CreateQueryFilter($"RowKey eq {PollEntity.PollRowKey}");
        var (low, high) = Range(VoteEntity.RowKeyPrefix);
        var cast = TableClient.CreateQueryFilter($"RowKey ge {low} and RowKey lt {high} and CreatedAt ge {from} and CreatedAt lt {to}");
        var polls = new Dictionary<string, (IReadOnlyList<StoredPollOption> Options, DateTimeOffset? CreatedAt, DateTimeOffset? ClosedSince)>(StringComparer.Ordinal);
        var votes = new Dictionary<string, Dictionary<string, Dictionary<DateOnly, long>>>(StringComparer.Ordinal);
        var readDefinitions = Task.Run(
            async () =>
            {
                await foreach (var row in tables.Polls.QueryAsync<TableEntity>(definitions, select: PollColumns, cancellationToken: cancellationToken))
                {
                    var options = JsonSerializer.Deserialize<List<StoredPollOption>>(row.GetString("OptionsJson") ?? "[]") ?? [];
                    var closedSince = row.GetString("Status") == Domain.Polls.PollStatus.Open ? null : row.GetDateTimeOffset("UpdatedAt");
                    polls[row.PartitionKey] = (options, row.GetDateTimeOffset("CreatedAt"), closedSince);
                }
            },
            cancellationToken);
        await foreach (var row in tables.Polls.QueryAsync<TableEntity>(cast, select: VoteColumns, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(VoteEntity.SubjectRowKeyPrefix, StringComparison.Ordinal) && !string.IsNullOrEmpty(row.GetString("TokenRowKey")))
            {
                continue;
            }

            var pollId = VotePartitions.PollIdOf(row.PartitionKey);
            var options = votes.TryGetValue(pollId, out var existing) ? existing : votes[pollId] = new(StringComparer.Ordinal);
            var optionId = row.GetString("OptionId") ?? string.Empty;
            var perDay = options.TryGetValue(optionId, out var days) ? days : options[optionId] = [];
            var day = DateOnly.FromDateTime(row.GetDateTimeOffset("CreatedAt")!.Value.UtcDateTime);
            perDay[day] = perDay.GetValueOrDefault(day) + 1;
        }

        await readDefinitions;
        return [.. polls.OrderBy(poll => poll.Key, StringComparer.Ordinal).Select(poll =>
        {
            var counted = votes.GetValueOrDefault(poll.Key) ?? [];
            var ids = poll.Value.Options.Select(option => option.OptionId).Concat(counted.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
            return new PollCounts(
                poll.Key,
                poll.Value.CreatedAt,
                poll.Value.ClosedSince,
                [.. ids.Select(id => new OptionCount(id, (IReadOnlyDictionary<DateOnly, long>?)counted.GetValueOrDefault(id) ?? new Dictionary<DateOnly, long>()))]);
        })];
    }

    /// <summary>The promotion rows (dates only) and the delivery~ outbox rows created in the range (status and date only).</summary>
    private async Task<IReadOnlyList<StoredPromotion>> ReadPromotionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var definitions = TableClient.CreateQueryFilter($"RowKey eq {PromotionEntity.PromotionRowKey}");
        var (low, high) = Range(OwedDeliveryEntity.RowKeyPrefix);
        var outbox = TableClient.CreateQueryFilter($"RowKey ge {low} and RowKey lt {high} and CreatedAt ge {from} and CreatedAt lt {to}");
        var dates = new Dictionary<string, (DateTimeOffset? StartsAt, DateTimeOffset? EndsAt)>(StringComparer.Ordinal);
        var deliveries = new Dictionary<string, Dictionary<string, Dictionary<DateOnly, long>>>(StringComparer.Ordinal);
        var readDefinitions = Task.Run(
            async () =>
            {
                await foreach (var row in tables.Promotions.QueryAsync<TableEntity>(definitions, select: ["PartitionKey", "StartsAt", "EndsAt"], cancellationToken: cancellationToken))
                {
                    dates[row.PartitionKey] = (row.GetDateTimeOffset("StartsAt"), row.GetDateTimeOffset("EndsAt"));
                }
            },
            cancellationToken);
        await foreach (var row in tables.Promotions.QueryAsync<TableEntity>(outbox, select: ["PartitionKey", "Status", "CreatedAt"], cancellationToken: cancellationToken))
        {
            // An owed row's partition is the entrant's bucket (issue 18) or, before, the promotion's own: counted per promotion.
            var promotionId = PromotionPartitions.PromotionIdOf(row.PartitionKey);
            var statuses = deliveries.TryGetValue(promotionId, out var existing) ? existing : deliveries[promotionId] = new(StringComparer.Ordinal);
            var status = row.GetString("Status") ?? string.Empty;
            var perDay = statuses.TryGetValue(status, out var days) ? days : statuses[status] = [];
            var day = DateOnly.FromDateTime(row.GetDateTimeOffset("CreatedAt")!.Value.UtcDateTime);
            perDay[day] = perDay.GetValueOrDefault(day) + 1;
        }

        await readDefinitions;
        return [.. dates.OrderBy(promotion => promotion.Key, StringComparer.Ordinal).Select(promotion => new StoredPromotion(
            promotion.Key,
            promotion.Value.StartsAt,
            promotion.Value.EndsAt,
            promotion.Value.StartsAt < to && promotion.Value.EndsAt > from,
            deliveries.GetValueOrDefault(promotion.Key) ?? []))];
    }

    /// <summary>The catalog's label ids and forms (tens of rows), so every label is reported, answered or not.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ReadLabelFormsAsync(CancellationToken cancellationToken)
    {
        var forms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await foreach (var row in tables.ConsentLabels.QueryAsync<TableEntity>(select: ["PartitionKey", "Forms"], cancellationToken: cancellationToken))
        {
            var label = forms.TryGetValue(row.PartitionKey, out var existing) ? existing : forms[row.PartitionKey] = new(StringComparer.Ordinal);
            label.UnionWith((row.GetString("Forms") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries));
        }

        return forms.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value, StringComparer.Ordinal);
    }

    /// <summary>[prefix, prefix + "~"): every row key that starts with a prefix ending in '~' ('~' sorts after key characters).</summary>
    private static (string Low, string High) Range(string prefix) => (prefix, prefix + "~");
}
