using Submissions.Domain.Statistics;
using Submissions.Storage.Statistics;

namespace Submissions.Application.Statistics;

/// <summary>
/// Splits what the statistics queries counted over a run of finished days into one roll-up per day, freezing with each
/// day what its publication depends on: which polls could take votes and which promotions ran that day (as their
/// dates stand now, at the roll-up), and on which forms each label was answered.
/// </summary>
public static class DayRollUpBuilder
{
    /// <summary>The earliest day anything was counted on, or null when nothing was.</summary>
    public static DateOnly? EarliestDay(StoredCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var days = counts.ReceiptsByForm.Values.SelectMany(perDay => perDay.Keys)
            .Concat(counts.Polls.SelectMany(poll => poll.Options.SelectMany(option => option.VotesByDay.Keys)))
            .Concat(counts.Promotions.SelectMany(promotion => promotion.DeliveriesByStatus.Values.SelectMany(perDay => perDay.Keys)))
            .Concat(counts.Answers.Values.SelectMany(answers => answers.Granted.Keys.Concat(answers.Declined.Keys)))
            .ToList();
        return days.Count == 0 ? null : days.Min();
    }

    /// <summary>One roll-up per day of [first, last].</summary>
    public static IReadOnlyList<DayRollUp> Split(StoredCounts counts, DateOnly first, DateOnly last, DateTimeOffset rolledUpAt)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var rollUps = new List<DayRollUp>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            rollUps.Add(Day(counts, day, rolledUpAt));
        }

        return rollUps;
    }

    /// <summary>Every poll with its options, and every promotion, as defined now: what the statistics list.</summary>
    public static RollUpDefinitions Definitions(StoredCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new RollUpDefinitions(
            [.. counts.Polls.Select(poll => new PollDefinitionIds(poll.PollId, [.. poll.Options.Select(option => option.OptionId)]))],
            [.. counts.Promotions.Select(promotion => promotion.PromotionId)]);
    }

    private static DayRollUp Day(StoredCounts counts, DateOnly day, DateTimeOffset rolledUpAt)
    {
        var receipts = counts.ReceiptsByForm
            .Select(form => (form.Key, Count: form.Value.GetValueOrDefault(day)))
            .Where(form => form.Count > 0)
            .OrderBy(form => form.Key, StringComparer.Ordinal)
            .ToDictionary(form => form.Key, form => form.Count, StringComparer.Ordinal);

        var polls = counts.Polls
            .Where(poll => poll.OpenOn(day) || poll.Votes(day) > 0)
            .Select(poll => new PollDay(
                poll.PollId,
                poll.OpenOn(day),
                [.. poll.Options.Select(option => option.OptionId)],
                poll.Options.Where(option => option.Votes(day) > 0).ToDictionary(option => option.OptionId, option => option.Votes(day), StringComparer.Ordinal)))
            .ToList();

        var promotions = counts.Promotions
            .Select(promotion => Promotion(promotion, counts.EntriesByPromotion.GetValueOrDefault(promotion.PromotionId), day))
            .Where(promotion => promotion.Running || promotion.Entries > 0 || promotion.Deliveries.Count > 0)
            .ToList();

        var labels = counts.Answers
            .Where(label => label.Value.Granted.ContainsKey(day) || label.Value.Declined.ContainsKey(day))
            .OrderBy(label => label.Key, StringComparer.Ordinal)
            .Select(label => new LabelDay(
                label.Key,
                label.Value.Granted.GetValueOrDefault(day),
                label.Value.Declined.GetValueOrDefault(day),
                [.. (label.Value.FormsByDay.GetValueOrDefault(day) ?? []).Order(StringComparer.Ordinal)]))
            .ToList();

        return new DayRollUp(day, receipts, polls, promotions, labels, rolledUpAt);
    }

    private static PromotionDay Promotion(StoredPromotion promotion, Dictionary<DateOnly, long>? entries, DateOnly day)
    {
        var running = new PromotionCounts(promotion.PromotionId, promotion.StartsAt, promotion.EndsAt, new Dictionary<DateOnly, long>(), new Dictionary<string, IReadOnlyDictionary<DateOnly, long>>()).RunsOn(day);
        var deliveries = promotion.DeliveriesByStatus
            .Select(status => (status.Key, Count: status.Value.GetValueOrDefault(day)))
            .Where(status => status.Count > 0)
            .ToDictionary(status => status.Key, status => status.Count, StringComparer.Ordinal);
        return new PromotionDay(promotion.PromotionId, running, entries?.GetValueOrDefault(day) ?? 0, deliveries);
    }
}
