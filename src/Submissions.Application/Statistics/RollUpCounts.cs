using Submissions.Application.Subjects;
using Submissions.Domain.Forms;
using Submissions.Domain.Statistics;
using Submissions.Storage.Statistics;

namespace Submissions.Application.Statistics;

/// <summary>
/// Turns the roll-ups of a range's counted days into the raw counts the publisher suppresses. Polls and promotions are
/// listed from the roll-up's definitions (every one defined at the last roll-up, whatever the range), each with the
/// days it was open or running as frozen in those days' rows.
/// </summary>
public static class RollUpCounts
{
    /// <summary>Receipts of these forms are withdrawals, not submissions.</summary>
    private static readonly IReadOnlyList<string> WithdrawalForms = ConsentWithdrawal.WithdrawalForms;

    public static StatisticsCounts Of(StatisticsRange range, StoredRollUps stored)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(stored);
        var days = stored.Days;
        var definitions = stored.State?.Definitions ?? RollUpDefinitions.None;
        var submissions = FormKind.All.ToDictionary(
            form => form,
            form => (IReadOnlyDictionary<DateOnly, long>)days.Where(day => day.Receipts.ContainsKey(form)).ToDictionary(day => day.Day, day => day.Receipts[form]),
            StringComparer.Ordinal);
        var withdrawals = days.ToDictionary(day => day.Day, day => WithdrawalForms.Sum(form => day.Receipts.GetValueOrDefault(form)));

        return new StatisticsCounts(
            range.From,
            range.To,
            submissions,
            withdrawals,
            [.. definitions.Polls.Select(poll => Poll(poll, days))],
            [.. definitions.PromotionIds.Select(promotionId => Promotion(promotionId, days))],
            Consents(stored),
            [.. days.Select(day => day.Day)]);
    }

    private static PollCounts Poll(PollDefinitionIds definition, IReadOnlyList<DayRollUp> days)
    {
        var rows = days.Select(day => (day.Day, Poll: day.Polls.FirstOrDefault(poll => poll.PollId == definition.PollId))).Where(row => row.Poll is not null).ToList();
        var optionIds = definition.OptionIds
            .Concat(rows.SelectMany(row => row.Poll!.OptionIds.Concat(row.Poll.Votes.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);
        return new PollCounts(
            definition.PollId,
            null,
            null,
            [.. optionIds.Select(optionId => new OptionCount(
                optionId,
                rows.Where(row => row.Poll!.Votes.ContainsKey(optionId)).ToDictionary(row => row.Day, row => row.Poll!.Votes[optionId])))],
            rows.Where(row => row.Poll!.Open).Select(row => row.Day).ToHashSet());
    }

    private static PromotionCounts Promotion(string promotionId, IReadOnlyList<DayRollUp> days)
    {
        var rows = days.Select(day => (day.Day, Promotion: day.Promotions.FirstOrDefault(promotion => promotion.PromotionId == promotionId))).Where(row => row.Promotion is not null).ToList();
        var statuses = rows.SelectMany(row => row.Promotion!.Deliveries.Keys).Distinct(StringComparer.Ordinal);
        return new PromotionCounts(
            promotionId,
            null,
            null,
            rows.ToDictionary(row => row.Day, row => row.Promotion!.Entries),
            statuses.ToDictionary(
                status => status,
                status => (IReadOnlyDictionary<DateOnly, long>)rows.ToDictionary(row => row.Day, row => row.Promotion!.Deliveries.GetValueOrDefault(status)),
                StringComparer.Ordinal),
            rows.Where(row => row.Promotion!.Running).Select(row => row.Day).ToHashSet());
    }

    private static List<ConsentCounts> Consents(StoredRollUps stored)
    {
        var answered = stored.Days.SelectMany(day => day.Labels.Select(label => (day.Day, Label: label))).ToLookup(row => row.Label.LabelId, StringComparer.Ordinal);
        var labels = stored.LabelForms.Keys.Union(answered.Select(group => group.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. labels.Select(labelId =>
        {
            var rows = answered[labelId].ToList();
            var forms = (stored.LabelForms.GetValueOrDefault(labelId) ?? new HashSet<string>())
                .Where(FormKind.IsKnown)
                .Union(rows.SelectMany(row => row.Label.Forms), StringComparer.Ordinal)
                .ToList();
            return new ConsentCounts(labelId, rows.ToDictionary(row => row.Day, row => new AnswerCounts(row.Label.Granted, row.Label.Declined)), forms);
        })];
    }
}
