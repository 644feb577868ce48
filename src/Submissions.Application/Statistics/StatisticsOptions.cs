using Submissions.Domain.Statistics;

namespace Submissions.Application.Statistics;

/// <summary>Bound from "Statistics".</summary>
public sealed class StatisticsOptions
{
    public const string SectionName = "Statistics";

    /// <summary>The lowest minimum accepted at start-up (see <see cref="StatisticsOptionsValidator"/>).</summary>
    public const int MinimumCountFloor = 5;

    /// <summary>The shortest grace accepted: longer than the front end's 230 s request limit with room for skew.</summary>
    public const int MinimumRollUpGraceMinutes = 10;

    /// <summary>The longest grace accepted: a day is rolled up the day after it.</summary>
    public const int MaximumRollUpGraceMinutes = 1380;

    /// <summary>Every count below this is published as suppressed; at least <see cref="MinimumCountFloor"/>.</summary>
    public int MinimumCount { get; set; } = SmallCountSuppression.DefaultMinimum;

    /// <summary>The longest range one request may ask for (one roll-up row per day, in at most two year partitions).</summary>
    public int MaxRangeDays { get; set; } = 366;

    /// <summary>
    /// How long after a UTC midnight the day before it is rolled up. A submission is stamped when its request starts
    /// and lands when its last storage call ends: within each call's retry budget (5 s × 4 tries deployed) times the
    /// few calls of the longest path, under the front end's 230 s request limit, plus the instances' clock skew (NTP,
    /// well under a second). An hour covers that more than tenfold; a write stamped before midnight that still lands
    /// later is not counted.
    /// </summary>
    public int RollUpGraceMinutes { get; set; } = 60;
}
