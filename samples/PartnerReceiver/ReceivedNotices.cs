using System.Collections.Concurrent;
using System.Text.Json;

namespace PartnerReceiver;

/// <summary>A consent.withdrawn or subject.erased event: ids you already hold, never personal data.</summary>
/// <param name="Type">"consent.withdrawn" or "subject.erased".</param>
/// <param name="NoticeId">The same as the request's webhook-id.</param>
/// <param name="OccurredAt">When the person withdrew or was erased.</param>
/// <param name="DeliveryIds">The webhook-ids of the leads you received about this person.</param>
/// <param name="Consents">For a withdrawal: the consents (label id and version) withdrawn.</param>
public sealed record NoticeEvent(string Type, string NoticeId, DateTimeOffset OccurredAt, IReadOnlyList<string> DeliveryIds, IReadOnlyList<NoticeConsent>? Consents)
{
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string SubjectErased = "subject.erased";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The notice in a verified body; null when the body is not a well-formed notice.</summary>
    public static NoticeEvent? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var notice = JsonSerializer.Deserialize<NoticeEvent>(body, Json);
            return notice is { Type: ConsentWithdrawn or SubjectErased, NoticeId.Length: > 0, DeliveryIds: not null } ? notice : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record NoticeConsent(string LabelId, int Version);

/// <summary>
/// The notices received, by notice id. A real receiver acts on them in its database: on subject.erased, delete what
/// the listed deliveries brought; on consent.withdrawn, stop using it for the withdrawn consents' purposes.
/// </summary>
public sealed class ReceivedNotices
{
    private readonly ConcurrentDictionary<string, NoticeEvent> notices = new(StringComparer.Ordinal);

    public IReadOnlyCollection<NoticeEvent> All => [.. notices.Values];

    public void Record(NoticeEvent notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        notices[notice.NoticeId] = notice;
    }
}
