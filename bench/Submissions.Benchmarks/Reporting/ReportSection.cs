namespace Submissions.Benchmarks.Reporting;

/// <summary>
/// One scenario's part of docs/performance.md: a heading, what was measured and how, a table, and notes. Scenarios
/// measure different things (rows/s, latency percentiles, round trips), so each brings its own columns. Load scenarios
/// also give rows for the summary at the top (<see cref="LoadTables.SummaryColumns"/>), and every scenario that counts
/// storage gives its operations' rows for the storage table (<see cref="StorageTable"/>).
/// </summary>
internal sealed record ReportSection(
    string Title,
    string Description,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string> Notes,
    IReadOnlyList<IReadOnlyList<string>>? Summary = null,
    IReadOnlyList<StorageRow>? Storage = null);
