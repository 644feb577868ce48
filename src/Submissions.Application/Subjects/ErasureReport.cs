namespace Submissions.Application.Subjects;

/// <summary>How many of each kind of record an erasure removed.</summary>
public sealed record ErasureCounts(
    int Registration,
    int Comments,
    int Votes,
    int PromotionEntries,
    int Deliveries,
    int ConsentRecords,
    int Receipts,
    int Disclosures,
    int IdempotencyRecords,
    int IndexRows)
{
    public static ErasureCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public ErasureCounts Plus(ErasureCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Registration + other.Registration,
            Comments + other.Comments,
            Votes + other.Votes,
            PromotionEntries + other.PromotionEntries,
            Deliveries + other.Deliveries,
            ConsentRecords + other.ConsentRecords,
            Receipts + other.Receipts,
            Disclosures + other.Disclosures,
            IdempotencyRecords + other.IdempotencyRecords,
            IndexRows + other.IndexRows);
    }
}

/// <summary>
/// The erasure report: when, what was removed, which partners are owed a subject.erased notice, and whether it is
/// complete (false while a submission of the person may still be in flight: repeat the erasure). Kept in the tombstone;
/// a resumed erasure, or one of someone who came back after an earlier one, adds to it, so what was removed and who
/// was told is never lost.
/// </summary>
public sealed record ErasureReport(DateTimeOffset ErasedAt, ErasureCounts Removed, IReadOnlyList<NoticeView> Notices, bool Complete);
