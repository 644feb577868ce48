using Submissions.Storage.Deliveries;

namespace Submissions.Storage.Notices;

/// <summary>
/// A notice to owe one partner (<see cref="NoticeType"/>), naming the deliveries it received about the person. Its id is
/// derived from what caused it, so owing it again finds it already there; <see cref="Labels"/> is, for a withdrawal,
/// the comma-joined "labelId:version" of the consents withdrawn; <see cref="OccurredAt"/> when it took effect.
/// </summary>
public sealed record NoticeToOwe(
    string PartnerId,
    string NoticeId,
    string Type,
    IReadOnlyCollection<IDisclosedDelivery> Deliveries,
    string Labels,
    DateTimeOffset CreatedAt,
    DateTimeOffset OccurredAt);
