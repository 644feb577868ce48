namespace Submissions.Application.Exports;

/// <summary>
/// The columns of an export, and how to write its rows: <see cref="WritePages"/> writes the rows of one storage page
/// into the writer per step and yields how many it wrote, so the caller can flush between pages.
/// </summary>
public sealed record ExportPlan(IReadOnlyList<string> Columns, Func<ExportRowWriter, CancellationToken, IAsyncEnumerable<int>> WritePages);
