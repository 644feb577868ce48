using Submissions.Storage.Idempotency;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// A promotion's Idempotency-Key markers (issue 18, <see cref="IdempotencyRecords.MarkerPrefix"/>) are bookkeeping in
/// the key's bucket, not part of any submission's record: the record-shape, storm and fuzz ledgers leave them out, and
/// PromotionBucketTests holds what they do.
/// </summary>
public static class KeyMarkers
{
    public static bool Is(string rowKey) => rowKey?.StartsWith(IdempotencyRecords.MarkerPrefix, StringComparison.Ordinal) == true;
}
