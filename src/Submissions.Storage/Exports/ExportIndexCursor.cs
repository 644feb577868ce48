namespace Submissions.Storage.Exports;

/// <summary>
/// Where an indexing run is: the number of the scan (<see cref="ExportDayIndexScans"/>), its name (kind and table, so a
/// scan list changed by a deployment — a form added or removed — is noticed and the run starts over rather than
/// applying one table's continuation to another) and the continuation token of its next page (null: its first). Saved
/// after each page, so a run stopped part-way resumes there.
/// </summary>
public sealed record ExportIndexCursor(int Scan, string? Continuation, string? ScanName = null)
{
    public static ExportIndexCursor Start { get; } = new(0, null);
}
