using Azure;

namespace Submissions.Storage.Subjects;

/// <summary>
/// An erasure's tombstone (<see cref="TombstoneEntity"/>) as the erasure handles it. Each write is made under the
/// version of the last one it read or wrote, which this object carries, so a run that lost its lease cannot overwrite
/// the run that took over.
/// </summary>
public sealed class ErasureTombstone
{
    /// <summary>A new claim of the person, replacing <paramref name="replacing"/> (read earlier) when there was one.</summary>
    public ErasureTombstone(string subjectKey, DateTimeOffset erasedAt, ErasureTombstone? replacing = null)
    {
        SubjectKey = subjectKey;
        ErasedAt = erasedAt;
        ETag = replacing?.ETag ?? default;
    }

    internal ErasureTombstone(TombstoneEntity row)
        : this(row.PartitionKey, row.ErasedAt)
    {
        Complete = row.Status == TombstoneEntity.Complete;
        ReportJson = row.ReportJson;
        ClaimedUntil = row.ClaimedUntil;
        ETag = row.ETag;
    }

    public string SubjectKey { get; }

    public DateTimeOffset ErasedAt { get; }

    /// <summary>False while the erasure is in progress.</summary>
    public bool Complete { get; set; }

    /// <summary>The erasure report (counts and notice ids, no personal data) as JSON.</summary>
    public string ReportJson { get; set; } = "{}";

    /// <summary>Until when the erasure that wrote it holds the person (<see cref="TombstoneEntity.ClaimedUntil"/>).</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    internal ETag ETag { get; set; }

    internal TombstoneEntity ToEntity() => new()
    {
        PartitionKey = SubjectKey,
        ErasedAt = ErasedAt,
        Status = Complete ? TombstoneEntity.Complete : TombstoneEntity.InProgress,
        ReportJson = ReportJson,
        ClaimedUntil = ClaimedUntil,
        ETag = ETag,
    };
}
