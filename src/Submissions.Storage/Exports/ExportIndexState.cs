namespace Submissions.Storage.Exports;

/// <summary>
/// The export day index's state: the last day fully indexed, and — while a run is writing, or after one stopped
/// part-way — the day it is indexing through and where it is. Erasure forgets pointers up to <see cref="Horizon"/>:
/// a run in progress may already have written pointers for days past <see cref="LastDay"/>.
/// </summary>
public sealed record ExportIndexState(DateOnly? LastDay, DateOnly? WritingThrough, ExportIndexCursor Cursor)
{
    /// <summary>The last day that may have pointers.</summary>
    public DateOnly? Horizon => WritingThrough is { } writing && (LastDay is null || writing > LastDay) ? writing : LastDay;
}
