using Submissions.Storage.Retention;

namespace Submissions.Application.Retention;

/// <summary>What one purge kind removed in one retention run (counts and times only), and what was due (created before <c>cutoff</c>).</summary>
public sealed record PurgeReportView(DateTimeOffset RanAt, string RunId, string Kind, int Count, DateTimeOffset Cutoff)
{
    public static PurgeReportView From(PurgeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.RanAt, report.RunId, report.Kind, report.Count, report.Cutoff);
    }
}
