using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Idempotency;

/// <summary>
/// Idempotency records live in the partition of the record they protect, so they commit in the same entity-group
/// transaction as the data: there is no moment at which the data exists without the record that deduplicates it.
/// The record row names its idempotency row (<see cref="RecordColumn"/>), so an erasure that finds the record by the
/// person's index removes the idempotency row with it — a key, not a scan, and nothing personal in any key.
/// </summary>
public static class IdempotencyRecords
{
    public const string RowKeyPrefix = "idem~";

    /// <summary>
    /// A key marker (issue 18): <c>idemkey~{form}~{key hash}</c> in the partition of the key's hash, holding the body's
    /// fingerprint, so a key reused with another person's body is told apart although its record is in the first
    /// person's partition (a promotion's entrant bucket, a poll's vote partition). No answer, no personal value; purged
    /// with the records.
    /// </summary>
    public const string MarkerPrefix = "idemkey~";

    /// <summary>The column of a comment, voter or entry row that holds the row key of the idempotency record stored with it.</summary>
    public const string RecordColumn = "IdempotencyRowKey";

    /// <summary>The row key to put in <see cref="RecordColumn"/> of the record a claim protects; null without a claim.</summary>
    public static string? RowKeyOrNull(IdempotencyClaim? claim) => claim is null ? null : RowKey(claim);

    public static string RowKey(IdempotencyClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return $"{RowKeyPrefix}{claim.Form}~{claim.KeyHash}";
    }

    /// <summary>The Add that records a claim and the response it produced; fails with 409 when the key was used.</summary>
    public static TableTransactionAction AddAction(string partition, IdempotencyClaim claim, StoredResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new(TableTransactionActionType.Add, new IdempotencyEntity
        {
            PartitionKey = partition,
            RowKey = RowKey(claim),
            RequestFingerprint = claim.RequestFingerprint,
            StatusCode = response.StatusCode,
            ResponseJson = response.Json,
            CreatedAt = now,
        });
    }

    /// <summary>What an earlier use of the key means for this request: its response, a key reuse, or nothing (null).</summary>
    public static SubmissionOutcome? OutcomeFor(IdempotencyClaim claim, int statusCode, string responseJson, string requestFingerprint)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return requestFingerprint == claim.RequestFingerprint
            ? new SubmissionOutcome.Replayed(new StoredResponse(statusCode, responseJson))
            : new SubmissionOutcome.KeyReused();
    }

    /// <summary>One point read: the outcome the key already has in this partition, if any.</summary>
    public static async Task<SubmissionOutcome?> FindPriorOutcomeAsync(TableClient table, string partition, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var row = await table.GetEntityIfExistsAsync<IdempotencyEntity>(partition, RowKey(claim), cancellationToken: cancellationToken);
        return row.HasValue ? OutcomeFor(claim, row.Value!.StatusCode, row.Value.ResponseJson, row.Value.RequestFingerprint) : null;
    }

    /// <summary>
    /// Whether a submission is already settled, read before anything of it is written: the key's earlier answer, else a
    /// duplicate when one of the rows that make the person unique (voter rows, an entry) exists, else null. The point
    /// reads run together.
    /// </summary>
    public static async Task<SubmissionOutcome?> FindSettledAsync(
        TableClient table, string partition, IdempotencyClaim? claim, IReadOnlyList<string> uniqueRowKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(uniqueRowKeys);
        var prior = claim is null ? Task.FromResult<SubmissionOutcome?>(null) : FindPriorOutcomeAsync(table, partition, claim, cancellationToken);
        var rows = uniqueRowKeys.Select(rowKey => table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, ["RowKey"], cancellationToken)).ToList();
        await Task.WhenAll([prior, .. rows]);
        if (await prior is { } answered)
        {
            return answered;
        }

        foreach (var row in rows)
        {
            if ((await row).HasValue)
            {
                // The row may be a concurrent retry's, committed with its key after the key was read: read the key again,
                // now that the row is seen, so that retry is replayed rather than called a duplicate.
                return claim is not null && await FindPriorOutcomeAsync(table, partition, claim, cancellationToken) is { } retried
                    ? retried
                    : new SubmissionOutcome.Duplicate();
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the claim's key was already used with another body, told by its marker (<see cref="MarkerPrefix"/>) in
    /// <paramref name="markerPartition"/> — a partition derived from the key's hash, where every use of the key meets.
    /// Written first, so a reused key stores nothing else; a keyed submission costs this one round trip more. A failed
    /// try may leave the marker, pointing at nothing, until the idempotency purge.
    /// </summary>
    public static async Task<bool> IsKeyReusedAsync(
        TableClient table, string markerPartition, IdempotencyClaim claim, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(claim);
        var marker = new TableEntity(markerPartition, $"{MarkerPrefix}{claim.Form}~{claim.KeyHash}")
        {
            [nameof(IdempotencyEntity.RequestFingerprint)] = claim.RequestFingerprint,
            [nameof(IdempotencyEntity.CreatedAt)] = createdAt,
        };
        try
        {
            await table.AddEntityAsync(marker, cancellationToken);
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(marker.PartitionKey, marker.RowKey, cancellationToken: cancellationToken);
            return found.HasValue && found.Value!.GetString(nameof(IdempotencyEntity.RequestFingerprint)) != claim.RequestFingerprint;
        }
    }
}
