using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Polls;
using Submissions.Storage.Promotions;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// Every row of every table (key and ETag), as the fuzz run believes it should be. It starts from a full snapshot. A
/// refused request must leave storage as it was: it made no write at all, or the partitions it names are unchanged
/// (a transaction that failed on a conflict stores nothing). An accepted one must have added exactly its own rows to
/// the partitions it may touch, and then they join the ledger. At the end a second full snapshot must equal the
/// ledger, ETags included, and the queues must hold what they held at the snapshot plus one message per delivery that
/// accepted entries owe and one confirmation mail message per pending submission accepted — naming exactly those.
/// </summary>
public sealed class StorageLedger
{
    private readonly TestApp app;
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, string>>> tables;
    private readonly SubmissionRows rows;
    private readonly Dictionary<string, int> queuesAtSnapshot;
    private readonly List<string> sentAtSnapshot;
    private readonly HashSet<string> owedConfirmationMails = new(StringComparer.Ordinal);

    private StorageLedger(
        TestApp app, Dictionary<string, Dictionary<string, Dictionary<string, string>>> tables, Dictionary<string, int> queuesAtSnapshot, List<string> sentAtSnapshot)
    {
        this.app = app;
        this.tables = tables;
        this.queuesAtSnapshot = queuesAtSnapshot;
        this.sentAtSnapshot = sentAtSnapshot;
        rows = new SubmissionRows(app, (table, partition) => Known(table, partition).Keys.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Deliveries owed by accepted entries: one queue message each. None until an entry is confirmed (issue 17).</summary>
    public int OwedDeliveries { get; private set; }

    /// <summary>Confirmation mails owed by accepted registrations and entries: one outbound-mail message each.</summary>
    public int OwedMails => owedConfirmationMails.Count;

    public int AcceptedRequests { get; private set; }

    public static async Task<StorageLedger> SnapshotAsync(TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var queues = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in app.Services.GetRequiredService<SubmissionsQueues>().All)
        {
            queues[queue.Name] = (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount;
        }

        return new StorageLedger(app, await ReadAllAsync(app), queues, [.. app.QueueMessages.Sent]);
    }

    /// <summary>The differences between the tables now and the ledger, and between the queues and the deliveries owed.</summary>
    public async Task<List<string>> FinalDifferencesAsync()
    {
        var differences = new List<string>();
        var now = await ReadAllAsync(app);
        foreach (var table in now.Keys.Union(tables.Keys))
        {
            var partitions = now.GetValueOrDefault(table) ?? [];
            var knownPartitions = tables.GetValueOrDefault(table) ?? [];
            foreach (var partition in partitions.Keys.Union(knownPartitions.Keys))
            {
                differences.AddRange(Compare(table, partition, partitions.GetValueOrDefault(partition) ?? [], Known(table, partition)));
            }
        }

        var queues = app.Services.GetRequiredService<SubmissionsQueues>();
        foreach (var queue in queues.All)
        {
            var owed = queue.Name == queues.PartnerDeliveries.Name ? OwedDeliveries : queue.Name == queues.OutboundMail.Name ? OwedMails : 0;
            var expected = queuesAtSnapshot.GetValueOrDefault(queue.Name) + owed;
            var count = (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount;
            if (count != expected)
            {
                differences.Add($"queue {queue.Name} holds {count} message(s), {expected} expected");
            }
        }

        var sent = SentSinceSnapshot();
        if (sent.Count != OwedDeliveries + OwedMails)
        {
            differences.Add($"{sent.Count} queue message(s) sent, {OwedDeliveries} deliveries owed by accepted entries and {OwedMails} confirmation mails");
        }

        // Each mail message names its pending submission by id alone: exactly the ones accepted, once each.
        var mailed = sent.Select(OutboundMailMessage.FromJson).OfType<OutboundMailMessage>().ToList();
        if (mailed.Any(mail => mail.Kind != "confirmation") || !mailed.Select(mail => mail.Id).Order(StringComparer.Ordinal).SequenceEqual(owedConfirmationMails.Order(StringComparer.Ordinal)))
        {
            differences.Add($"the mail messages sent ({string.Join(", ", mailed)}) are not one confirmation mail per pending submission accepted ({string.Join(", ", owedConfirmationMails)})");
        }

        return differences;
    }

    /// <summary>The queue messages sent since the snapshot (the recorder keeps them unordered: what is left once those before are taken out).</summary>
    private List<string> SentSinceSnapshot()
    {
        var sent = app.QueueMessages.Sent.ToList();
        foreach (var before in sentAtSnapshot)
        {
            sent.Remove(before);
        }

        return sent;
    }

    /// <summary>Checks that an accepted request added exactly its own rows, and records them.</summary>
    public async Task<List<string>> AcceptAsync(FuzzCase fuzz, TestResponse response)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        ArgumentNullException.ThrowIfNull(response);
        AcceptedRequests++;
        var replayed = response.Headers.TryGetValue("Idempotent-Replayed", out var flag) && flag == "true";
        var keyed = fuzz.Headers.ContainsKey(HostileHeaders.IdempotencyKey);
        var violations = new List<string>();
        string? confirmationId = null;
        if (fuzz.Endpoint is not (FuzzEndpoint.OptOutPost or FuzzEndpoint.PreferencesPost) && rows.PendingPlaceOf(fuzz, response.Json, replayed) is { } place)
        {
            var pending = await app.PendingRowAsync(place.Table, place.Partition, place.SubmissionId);
            confirmationId = pending?.GetString(nameof(PendingSubmissionEntity.ConfirmationId));
            if (confirmationId is null)
            {
                return [$"{place.Table.Name} ({place.Partition}): no pending row for the accepted submission {place.SubmissionId}"];
            }

            owedConfirmationMails.Add(confirmationId);
        }

        var expected = fuzz.Endpoint switch
        {
            FuzzEndpoint.OptOutPost => rows.OptOutRows(fuzz, response),
            FuzzEndpoint.PreferencesPost => rows.PreferenceRows(fuzz, response),
            _ => rows.FormRows(fuzz, response.Json, replayed, keyed, confirmationId),
        };

        foreach (var (table, partition, rules) in expected)
        {
            var now = await ReadPartitionAsync(table, partition);
            var known = Known(table.Name, partition);
            var added = now.Keys.Except(known.Keys).ToList();
            violations.AddRange(ExpectedRows.Check(table.Name, partition, rules(added), added));
            violations.AddRange(known.Keys.Except(now.Keys).Select(row => $"{table.Name} ({partition}): row gone: {row}"));
            violations.AddRange(await PersonalValuesInRowsAsync(fuzz, table, partition, added));
            Replace(table.Name, partition, now);
            if (table.Name == app.Tables.Promotions.Name)
            {
                OwedDeliveries += added.Count(row => row.StartsWith(OwedDeliveryEntity.RowKeyPrefix, StringComparison.Ordinal));
            }
        }

        return violations;
    }

    /// <summary>
    /// No personal value in a table key (people are keyed by their subject key), and no forwarded address anywhere in
    /// what was stored (the client's IP is never stored; the other personal values are stored by design).
    /// </summary>
    private static async Task<List<string>> PersonalValuesInRowsAsync(FuzzCase fuzz, TableClient table, string partition, List<string> added)
    {
        var violations = new List<string>();
        foreach (var row in added.Prepend(partition).Where(key => key.Contains(fuzz.Marker, StringComparison.OrdinalIgnoreCase)))
        {
            violations.Add($"{table.Name}: a table key carries a submitted personal value: {row}");
        }

        if (fuzz.PersonalValues.Count == 0)
        {
            return violations;
        }

        foreach (var row in added)
        {
            var entity = (await table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: TestContext.Current.CancellationToken)).Value;
            var stored = string.Join("\n", entity.Select(property => Convert.ToString(property.Value, System.Globalization.CultureInfo.InvariantCulture)));
            violations.AddRange(fuzz.PersonalValues.Where(value => stored.Contains(value, StringComparison.OrdinalIgnoreCase)).Select(value => $"{table.Name} ({partition}, {row}): a forwarded address was stored: {value}"));
        }

        return violations;
    }

    /// <summary>
    /// A refused form request that tried to write (a transaction that met a conflict) must have left the partitions
    /// it names exactly as they were: no row added, removed or rewritten.
    /// </summary>
    public async Task<List<string>> RefusedAsync(FuzzCase fuzz)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        var partitions = rows.PartitionsOf(fuzz);
        if (partitions.Count == 0)
        {
            return ["storage writes were made for a request that names no partition"];
        }

        var violations = new List<string>();
        foreach (var (table, partition) in partitions)
        {
            var now = await ReadPartitionAsync(table, partition);
            violations.AddRange(Compare(table.Name, partition, now, Known(table.Name, partition)));
            Replace(table.Name, partition, now);
        }

        return violations;
    }

    /// <summary>
    /// A results read that wrote may only have recounted the poll: the poll row rewritten (its recount mark, totals and
    /// published results) in the poll's partition, and in its vote partitions the folded tally added or rewritten and
    /// journal rows folded into it removed — nothing else.
    /// </summary>
    public async Task<List<string>> PublishedResultsAsync(FuzzCase fuzz)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        if (fuzz.RouteValue is not { Length: > 0 } pollId)
        {
            return ["storage writes were made for a results read that names no poll"];
        }

        var table = app.Tables.Polls;
        var violations = new List<string>();
        foreach (var partition in VotePartitions.All(pollId, VotePartitions.Count).Prepend(pollId))
        {
            var now = await ReadPartitionAsync(table, partition);
            var known = new Dictionary<string, string>(Known(table.Name, partition), StringComparer.Ordinal);
            var rewritable = partition == pollId ? PollEntity.PollRowKey : FoldedTallyEntity.FoldRowKey;
            if (now.TryGetValue(rewritable, out var rewritten))
            {
                known[rewritable] = rewritten;
            }

            foreach (var folded in known.Keys.Where(row => row.StartsWith(VoteJournalEntity.RowKeyPrefix, StringComparison.Ordinal) && !now.ContainsKey(row)).ToList())
            {
                known.Remove(folded);
            }

            violations.AddRange(Compare(table.Name, partition, now, known));
            Replace(table.Name, partition, now);
        }

        return violations;
    }

    /// <summary>Takes the partitions a case names as they are now: the baseline when cases run in isolation (shrinking).</summary>
    public async Task ResyncAsync(FuzzCase fuzz)
    {
        foreach (var (table, partition) in rows.PartitionsOf(fuzz))
        {
            Replace(table.Name, partition, await ReadPartitionAsync(table, partition));
        }
    }

    private static IEnumerable<string> Compare(string table, string partition, Dictionary<string, string> now, Dictionary<string, string> known)
    {
        foreach (var (row, etag) in now)
        {
            if (!known.TryGetValue(row, out var knownTag))
            {
                yield return $"{table} ({partition}): unaccounted row {row}";
            }
            else if (knownTag != etag)
            {
                yield return $"{table} ({partition}): row rewritten {row}";
            }
        }

        foreach (var row in known.Keys.Except(now.Keys))
        {
            yield return $"{table} ({partition}): row gone {row}";
        }
    }

    private void Replace(string table, string partition, Dictionary<string, string> now)
    {
        var known = Known(table, partition);
        known.Clear();
        foreach (var (row, etag) in now)
        {
            known[row] = etag;
        }
    }

    private Dictionary<string, string> Known(string table, string partition)
    {
        var partitions = tables.TryGetValue(table, out var found) ? found : tables[table] = [];
        return partitions.TryGetValue(partition, out var known) ? known : partitions[partition] = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, string>> ReadPartitionAsync(TableClient table, string partition)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"], cancellationToken: TestContext.Current.CancellationToken))
        {
            if (!KeyMarkers.Is(row.RowKey))
            {
                found[row.RowKey] = row.ETag.ToString();
            }
        }

        return found;
    }

    private static async Task<Dictionary<string, Dictionary<string, Dictionary<string, string>>>> ReadAllAsync(TestApp app)
    {
        var all = new Dictionary<string, Dictionary<string, Dictionary<string, string>>>(StringComparer.Ordinal);
        foreach (var table in app.Tables.All)
        {
            var partitions = all[table.Name] = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: TestContext.Current.CancellationToken))
            {
                if (KeyMarkers.Is(row.RowKey))
                {
                    continue;
                }

                (partitions.TryGetValue(row.PartitionKey, out var found) ? found : partitions[row.PartitionKey] = new Dictionary<string, string>(StringComparer.Ordinal))[row.RowKey] = row.ETag.ToString();
            }
        }

        return all;
    }
}
