using Submissions.Storage.Forms;

namespace Submissions.Storage.Subjects;

/// <summary>
/// One of a person's records outside their partition: where their index row says it is, and the record when it exists
/// (an index row can point at a submission that never committed, or one a purge removed).
/// </summary>
public sealed class SubjectRecord
{
    internal SubjectRecord(SubjectRecordEntity index, StoredRecord? row)
    {
        Index = index;
        Row = row;
    }

    /// <summary>The record kind of its form (<see cref="FormStorage.RecordKind"/>).</summary>
    public string Kind => Index.Kind;

    /// <summary>The table it lives in, by name without the deployment prefix.</summary>
    public string Table => Index.Table;

    /// <summary>The page, poll or promotion id: the partition it lives in.</summary>
    public string Partition => Index.Partition;

    /// <summary>When its index row was written, just before the record's own transaction.</summary>
    public DateTimeOffset IndexedAt => Index.CreatedAt;

    /// <summary>The record, or null when it does not exist (or was not read).</summary>
    public StoredRecord? Row { get; }

    internal SubjectRecordEntity Index { get; }
}
