using System.Globalization;
using Azure.Data.Tables;
using Submissions.Domain;

namespace Submissions.Storage.Promotions;

/// <summary>
/// Where a promotion's rows live. The definition stays in <c>{promotionId}</c>; an entrant's rows — pending rows,
/// receipt, idempotency record, entry, owed delivery, ledger and confirmation records — in <c>{promotionId}~{NN}</c>,
/// NN from their subject key (a keyed hash, never the email), so one person's rows stay together and the entry's Add
/// in their bucket keeps one entry per person. Entries stored before issue 18 are in <c>{promotionId}</c> itself: every
/// reader reads that partition too (<see cref="AllOf"/>, <see cref="PromotionIdOf"/>).
/// </summary>
public static class PromotionPartitions
{
    /// <summary>
    /// An entry touches about 21 entities in its bucket over its whole life (submit 3, confirm 8, its mail 4, its
    /// delivery 6). 2,000 entries/s → 42,000 entities/s; 32 buckets → ~1,300 entities/s each, two thirds of the 2,000/s
    /// partition target, so a viral promotion of 2,000 entries/s fits with a third to spare (docs/scaling.md).
    /// </summary>
    public const int BucketCount = 32;

    private const char Separator = '~';

    /// <summary>The partition of an entrant's rows in a promotion: <c>{promotionId}~{NN}</c>.</summary>
    public static string ForEntrant(string promotionId, string subjectKey) => ForKeyedHash(promotionId, subjectKey);

    /// <summary>The bucket a keyed hash in lower-case hex (a subject key, an Idempotency-Key's hash) falls in.</summary>
    public static string ForKeyedHash(string promotionId, string keyedHash)
    {
        ArgumentNullException.ThrowIfNull(keyedHash);
        return Bucket(promotionId, int.Parse(keyedHash.AsSpan(0, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % BucketCount);
    }

    /// <summary>Bucket <paramref name="bucket"/> of the promotion.</summary>
    public static string Bucket(string promotionId, int bucket) => $"{promotionId}{Separator}{bucket.ToString("D2", CultureInfo.InvariantCulture)}";

    /// <summary>Every partition an entrant's rows may be in: the promotion's own (entries stored before issue 18), then each bucket.</summary>
    public static IEnumerable<string> AllOf(string promotionId) =>
        Enumerable.Range(0, BucketCount).Select(bucket => Bucket(promotionId, bucket)).Prepend(promotionId);

    /// <summary>The promotion a partition belongs to: the id itself for the definition's (and legacy entries') partition.</summary>
    public static string PromotionIdOf(string partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var separator = partition.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0 ? partition : partition[..separator];
    }

    /// <summary>A promotion's partition as a queue message or dead letter names it: a promotion id, or a bucket of one.</summary>
    public static bool IsValid(string? partition)
    {
        if (partition is null)
        {
            return false;
        }

        var separator = partition.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0
            ? Identifiers.IsValid(partition)
            : Identifiers.IsValid(partition[..separator])
                && partition.Length == separator + 3
                && int.TryParse(partition.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bucket)
                && bucket < BucketCount;
    }

    /// <summary>The filter on a promotion's buckets (one PartitionKey range; the legacy partition is read on its own).</summary>
    public static string BucketsFilter(string promotionId) =>
        TableClient.CreateQueryFilter($"PartitionKey gt {promotionId + Separator} and PartitionKey lt {promotionId + Separator + Separator}");
}
