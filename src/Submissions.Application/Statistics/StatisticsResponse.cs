using System.Globalization;
using Submissions.Domain.Statistics;

namespace Submissions.Application.Statistics;

/// <summary>The statistics answer: every published count for the range, with how suppression was applied.</summary>
public sealed record StatisticsResponse(
    string From,
    string To,
    int MinimumCount,
    string Suppression,
    IReadOnlyList<SeriesView> Submissions,
    SeriesView Withdrawals,
    PollsView Polls,
    IReadOnlyList<PromotionStatisticsView> Promotions,
    IReadOnlyList<ConsentView> Consents)
{
    public static StatisticsResponse Of(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            Date(report.From),
            Date(report.To),
            report.MinimumCount,
            $"Counts below {report.MinimumCount} are suppressed, and so is whatever would let one be recomputed by subtraction (totals, sibling cells). Ranged counts are suppressed per UTC day: a range total is published only when every day behind it could be.",
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
