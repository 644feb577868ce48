namespace Submissions.Storage.Exports;

/// <summary>
/// Where an indexing run is: the number of the scan (<see cref="ExportDayIndexScans"/>) and the continuation token of
/// its next page (null: its first). Saved after each page, so a run stopped part-way resumes there.
/// </summary>
public sealed record ExportIndexCursor(int Scan, string? Continuation)
{
    public static ExportIndexCursor Start { get; } = new(0, null);
}
