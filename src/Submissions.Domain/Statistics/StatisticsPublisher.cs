using Submissions.Domain.Forms;

namespace Submissions.Domain.Statistics;

/// <summary>
/// Turns raw counts into the published report, suppressing small counts and whatever would let one be recomputed by
/// subtraction. The linking rules are in docs/architecture.md, "Statistics".
/// </summary>
public static class StatisticsPublisher
{
    public const string WithdrawalsSeries = "withdrawals";

    public static IReadOnlyList<string> DeliveryStatuses { get; } = ["owed", "delivered", "withdrawn", "failed"];

    public static StatisticsReport Publish(StatisticsCounts counts, SmallCountSuppression suppression)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(suppression);
        List<DateOnly> days = counts.CountedDays is { } counted ? [.. counted.Where(day => day >= counts.From && day < counts.To).Distinct().Order()] : Days(counts.From, counts.To);
        var submissions = FormKind.All
            .Select(form => Series(form, days, counts.SubmissionsByForm.GetValueOrDefault(form), suppression))
            .ToList();
        var forms = submissions.ToDictionary(series => series.Name, StringComparer.Ordinal);

        return new StatisticsReport(
            counts.From,
            counts.To,
            suppression.Minimum,
            submissions,
            Series(WithdrawalsSeries, days, counts.WithdrawalsByDay, suppression),
            Polls(counts.Polls, days, forms[FormKind.Poll], suppression),
            Promotions(counts.Promotions, days, forms[FormKind.Promotion], suppression),
            [.. counts.Consents.Select(consent => Consent(consent, days, forms, suppression))]);
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

    private static List<PollTotals> Polls(IReadOnlyList<PollCounts> polls, List<DateOnly> days, DailySeries pollForm, SmallCountSuppression suppression)
    {
        var totalPublishable = polls.Select(_ => true).ToArray();
        var optionsPublishable = polls.Select(_ => true).ToArray();
        for (var d = 0; d < days.Count; d++)
        {
            var day = days[d];
            var members = Enumerable.Range(0, polls.Count).Where(i => polls[i].OpenOn(day) || polls[i].Votes(day) > 0).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            var cells = members.Select(i => polls[i].Votes(day)).ToList();
            var totals = suppression.Group(cells, ComplementRule.SuppressAllCells, totalHiddenElsewhere: pollForm.Days[d].Count != cells.Sum());
            for (var m = 0; m < members.Count; m++)
            {
                var poll = polls[members[m]];
                var split = suppression.Group([.. poll.Options.Select(option => option.Votes(day))], ComplementRule.SuppressAllCells, totalHiddenElsewhere: totals.Cells[m] is null);
                totalPublishable[members[m]] &= totals.Cells[m] is not null;
                optionsPublishable[members[m]] &= !split.AnySuppressed;
            }
        }

        return [.. polls.Select((poll, i) =>
        {
            long? Shown(bool publishable, long total) => publishable ? suppression.Count(total) : null;
            return new PollTotals(
                poll.PollId,
                [.. poll.Options.Select(option => new OptionTotal(option.OptionId, Shown(optionsPublishable[i], days.Sum(option.Votes))))],
                Shown(totalPublishable[i], days.Sum(poll.Votes)));
        })];
    }

    private static List<PromotionTotals> Promotions(IReadOnlyList<PromotionCounts> promotions, List<DateOnly> days, DailySeries promotionForm, SmallCountSuppression suppression)
    {
        var entriesPublishable = promotions.Select(_ => true).ToArray();
        var splitPublishable = promotions.Select(_ => true).ToArray();
        for (var d = 0; d < days.Count; d++)
        {
            var day = days[d];
            var members = Enumerable.Range(0, promotions.Count).Where(i => !KnownZero(promotions[i], day)).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            var cells = members.Select(i => promotions[i].Entries(day)).ToList();
            var entries = suppression.Group(cells, ComplementRule.SuppressAllCells, totalHiddenElsewhere: promotionForm.Days[d].Count != cells.Sum());
            for (var m = 0; m < members.Count; m++)
            {
                var promotion = promotions[members[m]];
                var deliveries = DeliveryStatuses.Select(status => promotion.Deliveries(status, day)).ToList();
                var notShared = cells[m] - deliveries.Sum();
                var split = suppression.Group([Math.Max(0, notShared), .. deliveries], ComplementRule.SuppressAllCells, totalHiddenElsewhere: entries.Cells[m] is null || notShared < 0);
                entriesPublishable[members[m]] &= entries.Cells[m] is not null;
                splitPublishable[members[m]] &= !split.AnySuppressed;
            }
        }

        return [.. promotions.Select((promotion, i) =>
        {
            var entries = days.Sum(promotion.Entries);
            var deliveries = DeliveryStatuses.Select(status => days.Sum(day => promotion.Deliveries(status, day))).ToList();
            long? Shown(bool publishable, long total) => publishable ? suppression.Count(total) : null;
            return new PromotionTotals(
                promotion.PromotionId,
                Shown(entriesPublishable[i], entries),
                Shown(splitPublishable[i], entries - deliveries.Sum()),
                DeliveryStatuses.Select((status, s) => (status, Shown(splitPublishable[i], deliveries[s]))).ToDictionary(pair => pair.status, pair => pair.Item2, StringComparer.Ordinal));
        })];
    }

    /// <summary>A day the promotion was closed and nothing was counted for it: zero by its public dates.</summary>
    private static bool KnownZero(PromotionCounts promotion, DateOnly day) =>
        !promotion.RunsOn(day) && promotion.Entries(day) == 0 && DeliveryStatuses.All(status => promotion.Deliveries(status, day) == 0);

    private static ConsentRate Consent(ConsentCounts consent, List<DateOnly> days, Dictionary<string, DailySeries> forms, SmallCountSuppression suppression)
    {
        var hidden = new ConsentRate(consent.LabelId, null, null, null, null);
        var linked = consent.Forms.Distinct(StringComparer.Ordinal).Select(form => forms.GetValueOrDefault(form)).ToList();
        if (linked.Count == 0 || linked.Any(series => series?.Total is null))
        {
            return hidden;
        }

        var answers = days.Select(day => consent.AnswersByDay.GetValueOrDefault(day) ?? AnswerCounts.None).ToList();
        var answered = answers.Sum(answer => answer.Answered);
        if (answered != linked.Sum(series => series!.Total!.Value))
        {
            return hidden;
        }

        // A published form total means every day cell of it is published, so each day's answered count is known.
        var splitPublishable = answers.Select((answer, d) =>
        {
            var submitted = linked.Sum(series => series!.Days[d].Count ?? 0);
            return !suppression.Group([answer.Granted, answer.Declined], ComplementRule.SuppressAllCells, totalHiddenElsewhere: answer.Answered != submitted).AnySuppressed;
        }).All(publishable => publishable);
        if (!splitPublishable)
        {
            return hidden with { Answered = answered };
        }

        var granted = answers.Sum(answer => answer.Granted);
        return new ConsentRate(consent.LabelId, granted, answered - granted, answered, Math.Round((double)granted / answered, 4));
    }
}
