namespace Submissions.Storage.Deliveries;

/// <summary>
/// A delivery or notice that failed for good, for admins to see and retry: ids and reasons only. <see cref="Id"/> is the
/// delivery id or the notice id — both kinds share one key space, so one admin list and one retry route serve both —
/// and <see cref="PromotionId"/> is empty for a notice. For a lead it is where the owed row is (what a retry reads): the
/// entrant's bucket of the promotion since issue 18 (<see cref="Promotions.PromotionPartitions.PromotionIdOf"/> gives the promotion).
/// </summary>
public sealed record DeadLetter(string Id, string Kind, string PromotionId, string PartnerId, string Reason, int Attempts, DateTimeOffset FailedAt)
{
    /// <summary>A lead delivery; rows written before kinds existed read as this.</summary>
    public const string DeliveryKind = DeliveryFailureEntity.DeliveryKind;

    /// <summary>A withdrawal or erasure notice.</summary>
    public const string NoticeKind = DeliveryFailureEntity.NoticeKind;

    /// <summary>Whose dead letter a lead's will be; its id, reason, attempts and time are filled when it is recorded.</summary>
    public static DeadLetter ForDelivery(string promotionId, string partnerId) =>
        new(string.Empty, DeliveryKind, promotionId, partnerId, string.Empty, 0, default);

    /// <summary>Whose dead letter a notice's will be; its id, reason, attempts and time are filled when it is recorded.</summary>
    public static DeadLetter ForNotice(string partnerId) =>
        new(string.Empty, NoticeKind, string.Empty, partnerId, string.Empty, 0, default);

    internal static DeadLetter Of(DeliveryFailureEntity row) =>
        new(row.RowKey, row.Kind, row.PromotionId, row.PartnerId, row.Reason, row.Attempts, row.FailedAt);

    internal DeliveryFailureEntity ToEntity() => new()
    {
        RowKey = Id,
        Kind = Kind,
        PromotionId = PromotionId,
        PartnerId = PartnerId,
        Reason = Reason,
        Attempts = Attempts,
        FailedAt = FailedAt,
    };
}
