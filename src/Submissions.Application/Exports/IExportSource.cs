using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>One export kind: its columns and the rows of a range, page by page.</summary>
public interface IExportSource
{
    /// <summary>The {kind} this source answers.</summary>
    string Kind { get; }

    /// <summary>
    /// Reads what the columns depend on (the consent catalog, promotion definitions). Storage trouble surfaces here or
    /// in the first page, before the response has started, so it can still be a 503.
    /// </summary>
    Task<ExportPlan> PlanAsync(ExportRange range, CancellationToken cancellationToken);
}
