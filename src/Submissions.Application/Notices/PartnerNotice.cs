using System.Globalization;
using Submissions.Storage.Notices;

namespace Submissions.Application.Notices;

/// <summary>
/// The body of a withdrawal or erasure notice: ids the partner already holds (the deliveries it received, the labels
/// withdrawn) and when it happened — never a personal value, so a notice can be sent and kept after an erasure.
/// </summary>
public sealed record PartnerNotice(
    string Type,
    string NoticeId,
    DateTimeOffset OccurredAt,
    IReadOnlyList<string> DeliveryIds,
    IReadOnlyList<PartnerNoticeConsent>? Consents)
{
    /// <summary>The payload of a stored notice; null when the row is not one this app writes (unknown type, bad label).</summary>
    public static PartnerNotice? From(OwedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Type == NoticeType.SubjectErased)
        {
            return new(notice.Type, notice.NoticeId, notice.OccurredAt, notice.DeliveryIds, null);
        }

        if (notice.Type != NoticeType.ConsentWithdrawn)
        {
            return null;
        }

        var consents = new List<PartnerNoticeConsent>();
        foreach (var label in notice.Labels.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = label.Split(':');
            if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return null;
            }

            consents.Add(new PartnerNoticeConsent(parts[0], version));
        }

        return new(notice.Type, notice.NoticeId, notice.OccurredAt, notice.DeliveryIds, consents);
    }
}
