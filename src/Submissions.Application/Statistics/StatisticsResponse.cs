using System.Globalization;
using Submissions.Domain.Statistics;

namespace Submissions.Application.Statistics;

/// <summary>
/// The statistics answer: every published count for the range, with how suppression was applied, and the days of the
/// range that are not counted yet (no daily roll-up: today, the grace after midnight, or before statistics began).
/// </summary>
public sealed record StatisticsResponse(
    string From,
    string To,
    int MinimumCount,
    string Suppression,
    string Counting,
    IReadOnlyList<string> NotCounted,
    IReadOnlyList<SeriesView> Submissions,
    SeriesView Withdrawals,
    PollsView Polls,
    IReadOnlyList<PromotionStatisticsView> Promotions,
    IReadOnlyList<ConsentView> Consents)
{
    public static StatisticsResponse Of(StatisticsReport report, IReadOnlyList<DateOnly> notCounted)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(notCounted);
        return new(
            Date(report.From),
            Date(report.To),
            report.MinimumCount,
            $"Counts below {report.MinimumCount} are suppressed, and so is whatever would let one be recomputed by subtraction (totals, sibling cells). Ranged counts are suppressed per UTC day: a range total is published only when every day behind it could be.",
            "Counts come from each finished UTC day's roll-up, written once after a grace past midnight and never changed: a later erasure or retention purge does not change a counted day. Days listed in notCounted have no roll-up yet (today, the grace after midnight, or before the first roll-up) and are in no cell or total.",
            [.. notCounted.Select(Date)],
            [.. report.Submissions.Select(Series)],
            Series(report.Withdrawals),
            new PollsView(
                "range",
                "Votes cast in the range, counted per UTC day from the votes' own time: the same whenever asked. A poll's numbers are published only when every day behind them could be, linked to the poll form's day cells; every defined poll is listed.",
                [.. report.Polls.Select(poll => new PollView(
                    poll.PollId,
                    [.. poll.Options.Select(option => new OptionView(option.OptionId, CountView.From(option.Votes)))],
                    CountView.From(poll.TotalVotes)))]),
            [.. report.Promotions.Select(promotion => new PromotionStatisticsView(
                promotion.PromotionId,
                CountView.From(promotion.Entries),
                CountView.From(promotion.NotShared),
                promotion.Deliveries.ToDictionary(pair => pair.Key, pair => CountView.From(pair.Value), StringComparer.Ordinal)))],
            [.. report.Consents.Select(consent => new ConsentView(
                consent.LabelId, CountView.From(consent.Granted), CountView.From(consent.Declined), CountView.From(consent.Answered), consent.GrantRate))]);
    }

    private static SeriesView Series(DailySeries series) =>
        new(series.Name, [.. series.Days.Select(day => new DayView(Date(day.Date), CountView.From(day.Count)))], CountView.From(series.Total));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
