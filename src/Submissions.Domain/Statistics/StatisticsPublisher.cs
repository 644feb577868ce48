using Submissions.Domain.Forms;

namespace Submissions.Domain.Statistics;

/// <summary>
/// Turns raw counts into the published report. Every number counts the same submissions, so groups are linked, and
/// each link is closed here:
/// <list type="bullet">
/// <item>Day series own their totals (<see cref="ComplementRule.SuppressTotal"/>): a day cell is the same in every
/// query (ranges are whole days), and a range total is published only when every day in it is, so no choice of
/// ranges can difference out a suppressed day.</item>
/// <item>Promotion entries add up to the promotion form's range total; they are published only when that total is
/// and every promotion's count is (else all are hidden). A promotion's entries are its not-shared entries plus its
/// deliveries by status: those are published only with its entries and when every one is at least the minimum.</item>
/// <item>A label's answers are granted plus declined, and equal the submissions of the forms it is on: published
/// only when those forms' range totals are; granted and declined only together and when both are large enough.</item>
/// </list>
/// </summary>
public static class StatisticsPublisher
{
    public const string WithdrawalsSeries = "withdrawals";

    public static IReadOnlyList<string> DeliveryStatuses { get; } = ["owed", "delivered", "withdrawn", "failed"];

    public static StatisticsReport Publish(StatisticsCounts counts, SmallCountSuppression suppression)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(suppression);
        var days = Days(counts.From, counts.To);
        var submissions = FormKind.All
            .Select(form => Series(form, days, counts.SubmissionsByForm.GetValueOrDefault(form), suppression))
            .ToList();
        var formTotalShown = submissions.ToDictionary(series => series.Name, series => series.Total is not null, StringComparer.Ordinal);

        return new StatisticsReport(
            counts.From,
            counts.To,
            suppression.Minimum,
            submissions,
            Series(WithdrawalsSeries, days, counts.WithdrawalsByDay, suppression),
            [.. counts.Polls.Select(poll => Poll(poll, suppression))],
            Promotions(counts.Promotions, formTotalShown[FormKind.Promotion], suppression),
            [.. counts.Consents.Select(consent => Consent(consent, formTotalShown, suppression))]);
    }

    private static List<DateOnly> Days(DateOnly from, DateOnly to)
    {
        var days = new List<DateOnly>();
        for (var day = from; day < to; day = day.AddDays(1))
        {
            days.Add(day);
        }

        return days;
    }

    private static DailySeries Series(string name, List<DateOnly> days, IReadOnlyDictionary<DateOnly, long>? perDay, SmallCountSuppression suppression)
    {
        var group = suppression.Group([.. days.Select(day => perDay?.GetValueOrDefault(day) ?? 0)], ComplementRule.SuppressTotal);
        return new DailySeries(name, [.. days.Select((day, i) => new DayCount(day, group.Cells[i]))], group.Total);
    }

    private static PollTotals Poll(PollCounts poll, SmallCountSuppression suppression)
    {
        var group = suppression.Group([.. poll.Options.Select(option => option.Votes)], ComplementRule.SuppressTotal);
        return new PollTotals(poll.PollId, [.. poll.Options.Select((option, i) => new OptionTotal(option.OptionId, group.Cells[i]))], group.Total);
    }

    private static List<PromotionTotals> Promotions(IReadOnlyList<PromotionCounts> promotions, bool formTotalShown, SmallCountSuppression suppression)
    {
        var entries = suppression.Group([.. promotions.Select(promotion => promotion.Entries)], ComplementRule.SuppressAllCells, totalHiddenElsewhere: !formTotalShown);
        return [.. promotions.Select((promotion, i) =>
        {
            var deliveries = DeliveryStatuses.Select(status => promotion.DeliveriesByStatus.GetValueOrDefault(status)).ToList();
            var notShared = Math.Max(0, promotion.Entries - deliveries.Sum());
            var split = suppression.Group([notShared, .. deliveries], ComplementRule.SuppressAllCells, totalHiddenElsewhere: entries.Cells[i] is null);
            return new PromotionTotals(
                promotion.PromotionId,
                entries.Cells[i],
                split.Cells[0],
                DeliveryStatuses.Select((status, s) => (status, split.Cells[s + 1])).ToDictionary(pair => pair.status, pair => pair.Item2, StringComparer.Ordinal));
        })];
    }

    private static ConsentRate Consent(ConsentCounts consent, Dictionary<string, bool> formTotalShown, SmallCountSuppression suppression)
    {
        var linkedTotalHidden = consent.Forms.Any(form => !formTotalShown.GetValueOrDefault(form));
        var group = suppression.Group([consent.Granted, consent.Declined], ComplementRule.SuppressAllCells, totalHiddenElsewhere: linkedTotalHidden);
        var rate = group.Cells[0] is { } granted && group.Total is { } answered ? Math.Round((double)granted / answered, 4) : (double?)null;
        return new ConsentRate(consent.LabelId, group.Cells[0], group.Cells[1], group.Total, rate);
    }
}
