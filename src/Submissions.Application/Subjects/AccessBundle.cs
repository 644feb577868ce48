using System.Text.Json.Serialization;

namespace Submissions.Application.Subjects;

/// <summary>
/// Everything stored about one person, as one machine-readable document (GDPR Art. 15 and 20): their registration,
/// a section per registered form (comments, votes, promotion entries, ...), their full consent history with the exact
/// text of each label they answered, and every disclosure of their data to a partner.
/// </summary>
[JsonConverter(typeof(AccessBundleConverter))]
public sealed record AccessBundle(
    DateTimeOffset GeneratedAt,
    string Email,
    RegistrationRecord? Registration,
    IReadOnlyList<AccessSection> Sections,
    IReadOnlyList<ConsentHistoryRecord> Consents,
    IReadOnlyList<DisclosureRecord> Disclosures,
    DateTimeOffset? LastErasedAt)
{
    /// <summary>How many records it holds, for the audit log.</summary>
    public int RecordCount => (Registration is null ? 0 : 1) + Sections.Sum(section => section.Records.Count) + Consents.Count + Disclosures.Count;
}
