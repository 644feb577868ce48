using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Partners;

/// <summary>
/// A partner's <see cref="PartnerHealth"/>: RowKey "health" beside the partner's own row, so one query reads both and
/// an admin's PUT of the partner (which replaces its row) leaves a pause in place.
/// </summary>
public sealed class PartnerHealthEntity : ITableEntity
{
    public const string HealthRowKey = "health";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = HealthRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Failures { get; set; }
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset? LastFailureAt { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    public bool OnProbation { get; set; }

    internal PartnerHealth ToHealth() => new(Failures, FailingSince, LastFailureAt, PausedAt, OnProbation);

    internal static PartnerHealthEntity From(string partnerId, PartnerHealth health) => new()
    {
        PartitionKey = partnerId,
        Failures = health.Failures,
        FailingSince = health.FailingSince,
        LastFailureAt = health.LastFailureAt,
        PausedAt = health.PausedAt,
        OnProbation = health.OnProbation,
    };
}
