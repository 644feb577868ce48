using Submissions.Domain.Statistics;

namespace Submissions.Application.Statistics;

/// <summary>Bound from "Statistics".</summary>
public sealed class StatisticsOptions
{
    public const string SectionName = "Statistics";

    /// <summary>The lowest minimum accepted at start-up (see <see cref="StatisticsOptionsValidator"/>).</summary>
    public const int MinimumCountFloor = 5;

    /// <summary>Every count below this is published as suppressed; at least <see cref="MinimumCountFloor"/>.</summary>
    public int MinimumCount { get; set; } = SmallCountSuppression.DefaultMinimum;

    /// <summary>The longest range one request may ask for: each request scans the ledger of every table.</summary>
    public int MaxRangeDays { get; set; } = 366;
}
