using System.Text.Json.Serialization;

namespace Submissions.Application.Subjects;

/// <summary>
/// How many of each kind of record an erasure removed: each registered form's records (<see cref="Forms"/>, in
/// registration order, each a property of its own), then what was written beside them.
/// </summary>
[JsonConverter(typeof(ErasureCountsConverter))]
public sealed record ErasureCounts(
    IReadOnlyList<FormErasureCount> Forms,
    int Deliveries,
    int ConsentRecords,
    int Receipts,
    int Disclosures,
    int IdempotencyRecords,
    int IndexRows)
{
    public static ErasureCounts None { get; } = new([], 0, 0, 0, 0, 0, 0);

    /// <summary>The forms' records removed: what the audit log counts.</summary>
    public int Records => Forms.Sum(form => form.Count);

    /// <summary>One form's count, 0 when it has none.</summary>
    public int Of(string name) => Forms.FirstOrDefault(form => form.Name == name)?.Count ?? 0;

    public ErasureCounts Plus(ErasureCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var names = Forms.Select(form => form.Name).Concat(other.Forms.Select(form => form.Name)).Distinct(StringComparer.Ordinal);
        return new(
            [.. names.Select(name => new FormErasureCount(name, Of(name) + other.Of(name)))],
            Deliveries + other.Deliveries,
            ConsentRecords + other.ConsentRecords,
            Receipts + other.Receipts,
            Disclosures + other.Disclosures,
            IdempotencyRecords + other.IdempotencyRecords,
            IndexRows + other.IndexRows);
    }
}
