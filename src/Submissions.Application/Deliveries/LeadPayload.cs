using System.Text.Json;
using Submissions.Application.Http;
using Submissions.Domain.Delivery;
using Submissions.Storage.Deliveries;

namespace Submissions.Application.Deliveries;

/// <summary>The body of a lead webhook and the record of what it carries.</summary>
internal static class LeadPayload
{
    /// <summary>The serialized <see cref="PartnerLead"/>: the granted consents and only the values of <paramref name="fields"/>.</summary>
    public static byte[] Build(OwedDelivery owed, DeliveredEntry entry, IReadOnlyList<GrantedSharing> granted, IReadOnlyList<string> fields, Uri withdrawSharing)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["email"] = entry.Email, ["name"] = entry.Name };
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string?>>(entry.FieldsJson) ?? [])
        {
            values[$"fields.{name}"] = value;
        }

        var lead = new PartnerLead(
            "lead.created",
            owed.DeliveryId,
            owed.PromotionId,
            owed.ReceiptId,
            [.. granted.Select(sharing => new PartnerLeadConsent(sharing.Label.LabelId, sharing.Label.Version, sharing.ReceiptId, sharing.Label.TextSha256))],
            PartnerPayload.Values(fields, values),
            entry.CreatedAt,
            entry.ConfirmedAt,
            withdrawSharing);
        return JsonSerializer.SerializeToUtf8Bytes(lead, ApiJson.Options);
    }

    /// <summary>The consents a lead carries, as its records keep them: "labelId:version:receiptId".</summary>
    public static IEnumerable<string> Consents(IEnumerable<GrantedSharing> granted) =>
        granted.Select(sharing => $"{sharing.Label.LabelId}:{sharing.Label.Version}:{sharing.ReceiptId}");

    /// <summary>What was recorded before (comma-joined) and what is sent now, each once, in first-seen order.</summary>
    public static string JoinAll(string? recorded, IEnumerable<string> now) =>
        string.Join(',', (recorded ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Concat(now).Distinct(StringComparer.Ordinal));
}
