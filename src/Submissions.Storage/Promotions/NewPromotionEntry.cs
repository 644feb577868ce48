namespace Submissions.Storage.Promotions;

/// <summary>
/// An entry to store: one per person (its row is keyed by <paramref name="SubjectKey"/>). With a
/// <paramref name="DeliveryId"/>, sharing was granted and a delivery to <paramref name="PartnerId"/> is owed, stored with it.
/// </summary>
public sealed record NewPromotionEntry(
    string PromotionId,
    string PartnerId,
    string EntryId,
    string SubjectKey,
    string Email,
    string Name,
    IReadOnlyDictionary<string, string?> Fields,
    DateTimeOffset CreatedAt,
    string? DeliveryId)
{
    // It holds a person's values: printed (by a log, an exception, a debugger display) it shows none of them.
    public override string ToString() => nameof(NewPromotionEntry);
}
