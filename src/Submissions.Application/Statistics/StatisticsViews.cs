using System.Globalization;
using Submissions.Domain.Statistics;

namespace Submissions.Application.Statistics;

/// <summary>A published count: <c>{ "count": 12 }</c>, or <c>{ "suppressed": true }</c> — never the number behind it.</summary>
public sealed record CountView(long? Count, bool? Suppressed)
{
    public static CountView From(long? count) => count is { } value ? new(value, null) : new(null, true);
}

public sealed record DayView(string Date, CountView Count);

public sealed record SeriesView(string Form, IReadOnlyList<DayView> Days, CountView Total);

public sealed record OptionView(string OptionId, CountView Votes);

public sealed record PollView(string PollId, IReadOnlyList<OptionView> Options, CountView TotalVotes);

/// <summary>
/// Votes cast in the requested range, counted per UTC day like every other ranged number (not the live all-time
/// tallies, which would give a day, or one vote, away between two reads).
/// </summary>
public sealed record PollsView(string Scope, string Note, IReadOnlyList<PollView> Polls);

public sealed record PromotionView(string PromotionId, CountView Entries, CountView NotShared, IReadOnlyDictionary<string, CountView> Deliveries);

public sealed record ConsentView(string LabelId, CountView Granted, CountView Declined, CountView Answered, double? GrantRate);

public sealed record StatisticsResponse(
    string From,
    string To,
    int MinimumCount,
    string Suppression,
    IReadOnlyList<SeriesView> Submissions,
    SeriesView Withdrawals,
    PollsView Polls,
    IReadOnlyList<PromotionView> Promotions,
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
            [.. report.Promotions.Select(promotion => new PromotionView(
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
