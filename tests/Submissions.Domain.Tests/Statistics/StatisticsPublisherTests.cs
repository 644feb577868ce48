using Submissions.Domain.Forms;
using Submissions.Domain.Statistics;

namespace Submissions.Domain.Tests.Statistics;

public sealed class StatisticsPublisherTests
{
    private static readonly DateOnly Day1 = new(2026, 11, 25);
    private static readonly DateOnly Day2 = new(2026, 11, 26);

    private static StatisticsCounts Counts(
        Dictionary<string, Dictionary<DateOnly, long>>? forms = null,
        PromotionCounts[]? promotions = null,
        ConsentCounts[]? consents = null,
        PollCounts[]? polls = null,
        DateOnly? from = null,
        DateOnly? to = null) => new(
            from ?? Day1,
            to ?? Day2.AddDays(1),
            (forms ?? []).ToDictionary(pair => pair.Key, pair => (IReadOnlyDictionary<DateOnly, long>)pair.Value),
            new Dictionary<DateOnly, long>(),
            polls ?? [],
            promotions ?? [],
            consents ?? []);

    private static StatisticsReport Publish(StatisticsCounts counts) => StatisticsPublisher.Publish(counts, new SmallCountSuppression());

    /// <summary>A promotion open on every day unless a window is given; deliveries per status per day.</summary>
    private static PromotionCounts Promotion(
        string id, Dictionary<DateOnly, long> entries, Dictionary<string, Dictionary<DateOnly, long>>? deliveries = null, DateOnly? opens = null, DateOnly? closes = null) => new(
            id,
            opens is { } start ? Midnight(start) : null,
            closes is { } end ? Midnight(end) : null,
            entries,
            (deliveries ?? []).ToDictionary(pair => pair.Key, pair => (IReadOnlyDictionary<DateOnly, long>)pair.Value));

    private static ConsentCounts Consent(string labelId, string[] forms, params (DateOnly Day, long Granted, long Declined)[] answers) =>
        new(labelId, answers.ToDictionary(answer => answer.Day, answer => new AnswerCounts(answer.Granted, answer.Declined)), forms);

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Every number a report publishes.</summary>
    private static List<long> Published(StatisticsReport report)
    {
        var numbers = new List<long?>();
        foreach (var series in report.Submissions.Append(report.Withdrawals))
        {
            numbers.AddRange(series.Days.Select(day => day.Count));
            numbers.Add(series.Total);
        }

        foreach (var poll in report.Polls)
        {
            numbers.AddRange(poll.Options.Select(option => option.Votes));
            numbers.Add(poll.TotalVotes);
        }

        foreach (var promotion in report.Promotions)
        {
            numbers.AddRange([promotion.Entries, promotion.NotShared, .. promotion.Deliveries.Values]);
        }

        foreach (var consent in report.Consents)
        {
            numbers.AddRange([consent.Granted, consent.Declined, consent.Answered]);
        }

        return [.. numbers.Where(number => number is not null).Select(number => number!.Value)];
    }

    [Fact]
    public void Every_day_of_the_range_is_listed_and_a_small_day_hides_the_range_total()
    {
        var report = Publish(Counts(new() { [FormKind.Comment] = new() { [Day1] = 9, [Day2] = 12 } }));

        var comments = Assert.Single(report.Submissions, series => series.Name == FormKind.Comment);
        Assert.Equal([null, 12], comments.Days.Select(day => day.Count));
        Assert.Null(comments.Total);
        var registrations = Assert.Single(report.Submissions, series => series.Name == FormKind.Registration);
        Assert.Equal([Day1, Day2], registrations.Days.Select(day => day.Date));
        Assert.All(registrations.Days, day => Assert.Null(day.Count));
    }

    [Fact]
    public void Promotion_entries_that_would_give_a_hidden_day_away_are_hidden()
    {
        // One promotion's entries are the promotion form's range total: 21 - 12 = 9.
        var report = Publish(Counts(
            new() { [FormKind.Promotion] = new() { [Day1] = 9, [Day2] = 12 } },
            promotions: [Promotion("p1", new() { [Day1] = 9, [Day2] = 12 }, new() { ["owed"] = new() { [Day1] = 9, [Day2] = 12 } })]));

        var promotion = Assert.Single(report.Promotions);
        Assert.Null(promotion.Entries);
        Assert.Null(promotion.NotShared);
        Assert.All(promotion.Deliveries.Values, Assert.Null);
    }

    [Fact]
    public void Promotion_entries_are_all_or_nothing_and_deliveries_are_shown_only_when_every_split_of_every_day_is_large()
    {
        var forms = new Dictionary<string, Dictionary<DateOnly, long>> { [FormKind.Promotion] = new() { [Day1] = 60, [Day2] = 59 } };
        var entries = new Dictionary<DateOnly, long> { [Day1] = 60, [Day2] = 59 };
        var deliveries = new Dictionary<string, Dictionary<DateOnly, long>>
        {
            ["owed"] = new() { [Day1] = 15, [Day2] = 12 },
            ["delivered"] = new() { [Day1] = 15, [Day2] = 14 },
            ["withdrawn"] = new() { [Day1] = 10, [Day2] = 10 },
            ["failed"] = new() { [Day1] = 10, [Day2] = 12 },
        };

        var shown = Assert.Single(Publish(Counts(forms, promotions: [Promotion("big", entries, deliveries)])).Promotions);
        Assert.Equal(119, shown.Entries);
        Assert.Equal(21, shown.NotShared);
        Assert.Equal(29, shown.Deliveries["delivered"]);

        // A second promotion with 9 entries on day 1: that day hides every promotion's entries, so both totals go.
        var withSmall = Publish(Counts(
            new() { [FormKind.Promotion] = new() { [Day1] = 69, [Day2] = 59 } },
            promotions: [Promotion("big", entries, deliveries), Promotion("small", new() { [Day1] = 9 })])).Promotions;
        Assert.All(withSmall, promotion => Assert.Null(promotion.Entries));

        // No failure on day 2: the split of that day is hidden, so no range total of the split is published.
        deliveries["failed"] = new() { [Day1] = 10 };
        deliveries["owed"] = new() { [Day1] = 15, [Day2] = 24 };
        var fewFailures = Assert.Single(Publish(Counts(forms, promotions: [Promotion("big", entries, deliveries)])).Promotions);
        Assert.Equal(119, fewFailures.Entries);
        Assert.Null(fewFailures.NotShared);
        Assert.All(fewFailures.Deliveries.Values, Assert.Null);
    }

    [Fact]
    public void A_day_a_promotion_was_closed_is_a_known_zero_and_does_not_hide_its_totals()
    {
        // "late" opens on day 2: on day 1 "early" alone makes up the promotion form's 20.
        var report = Publish(Counts(
            new() { [FormKind.Promotion] = new() { [Day1] = 20, [Day2] = 32 } },
            promotions:
            [
                Promotion("early", new() { [Day1] = 20, [Day2] = 20 }),
                Promotion("late", new() { [Day2] = 12 }, opens: Day2, closes: Day2.AddDays(5)),
            ]));

        Assert.Equal([40L, 12L], report.Promotions.Select(promotion => promotion.Entries));
    }

    [Fact]
    public void A_sharing_label_asked_on_one_promotion_is_hidden_so_it_cannot_give_the_other_promotions_entries_away()
    {
        // The review's example: the promotion form's 55 is published, P took 52 and Q 3 (per-promotion entries are
        // hidden because of Q). P's sharing label is asked only on P, so its answered count is 52, and 55 - 52 = 3.
        var day = Day1;
        var report = Publish(Counts(
            new() { [FormKind.Promotion] = new() { [day] = 55 } },
            promotions: [Promotion("p", new() { [day] = 52 }), Promotion("q", new() { [day] = 3 })],
            consents:
            [
                Consent("p-sharing", [FormKind.Promotion], (day, 30, 22)),
                Consent("promotion-terms", [FormKind.Promotion], (day, 55, 0)),
            ],
            from: day,
            to: day.AddDays(1)));

        var promotionForm = Assert.Single(report.Submissions, series => series.Name == FormKind.Promotion);
        Assert.Equal(55, promotionForm.Total);
        Assert.All(report.Promotions, promotion => Assert.Null(promotion.Entries));
        var sharing = Assert.Single(report.Consents, consent => consent.LabelId == "p-sharing");
        Assert.Equal((null, null, null, null), (sharing.Granted, sharing.Declined, sharing.Answered, sharing.GrantRate));

        // A label asked on every promotion answers exactly the form's total, which is already published.
        var terms = Assert.Single(report.Consents, consent => consent.LabelId == "promotion-terms");
        Assert.Equal(55, terms.Answered);
        Assert.Null(terms.Granted);

        var published = Published(report);
        Assert.DoesNotContain(3L, published);
        Assert.DoesNotContain(3L, published.SelectMany(a => published.Select(b => a - b)));
    }

    [Fact]
    public void A_label_active_for_part_of_the_range_is_hidden()
    {
        // Introduced on day 2: 30 answers against 50 registrations would give day 1's non-answers (20) away, and a
        // label introduced mid-day would give a small number of them away.
        var report = Publish(Counts(
            new() { [FormKind.Registration] = new() { [Day1] = 20, [Day2] = 30 } },
            consents: [Consent("new-label", [FormKind.Registration], (Day2, 15, 15))]));

        var label = Assert.Single(report.Consents);
        Assert.Equal((null, null, null, null), (label.Granted, label.Declined, label.Answered, label.GrantRate));
    }

    [Fact]
    public void Grant_rates_come_only_from_published_counts()
    {
        var forms = new Dictionary<string, Dictionary<DateOnly, long>> { [FormKind.Registration] = new() { [Day1] = 20, [Day2] = 30 } };
        var report = Publish(Counts(forms, consents:
        [
            Consent("special-offers", [FormKind.Registration], (Day1, 10, 10), (Day2, 12, 18)),
            Consent("demographics", [FormKind.Registration], (Day1, 3, 17), (Day2, 12, 18)),
        ]));

        var offers = Assert.Single(report.Consents, consent => consent.LabelId == "special-offers");
        Assert.Equal((22, 28, 50, 0.44), (offers.Granted!.Value, offers.Declined!.Value, offers.Answered!.Value, offers.GrantRate!.Value));

        // 15 granted and 35 declined over the range are both large, but day 1's 3 grants make the day cell small:
        // publishing 15 would let a query for day 2 alone (12) give day 1's 3 away.
        var demographics = Assert.Single(report.Consents, consent => consent.LabelId == "demographics");
        Assert.Null(demographics.Granted);
        Assert.Null(demographics.Declined);
        Assert.Equal(50, demographics.Answered);
        Assert.Null(demographics.GrantRate);
    }

    [Fact]
    public void A_labels_answers_are_hidden_when_they_would_give_a_hidden_day_of_its_form_away()
    {
        // Every comment answers comment-terms: 21 answers and a visible day of 12 would leave 9.
        var report = Publish(Counts(
            new() { [FormKind.Comment] = new() { [Day1] = 9, [Day2] = 12 } },
            consents: [Consent("comment-terms", [FormKind.Comment], (Day1, 9, 0), (Day2, 12, 0))]));

        var terms = Assert.Single(report.Consents);
        Assert.Null(terms.Answered);
        Assert.Null(terms.Granted);
        Assert.Null(terms.GrantRate);
    }

    private static PollCounts PollOf(string id, DateTimeOffset? closedSince = null, params (string Option, DateOnly Day, long Votes)[] votes) =>
        new(id, null, closedSince, [.. votes.Select(vote => vote.Option).Distinct().Select(option => new OptionCount(
            option, votes.Where(vote => vote.Option == option).GroupBy(vote => vote.Day).ToDictionary(group => group.Key, group => group.Sum(vote => vote.Votes))))]);

    [Fact]
    public void Poll_votes_are_published_per_range_only_when_every_day_behind_them_could_be()
    {
        // Issue 14, defect 15. Day 1: red 12, green 10. Day 2: red 3. One poll, so its day totals are the poll form's.
        var poll = PollOf("p", null, ("red", Day1, 12), ("green", Day1, 10), ("red", Day2, 3));
        var forms = new Dictionary<string, Dictionary<DateOnly, long>> { [FormKind.Poll] = new() { [Day1] = 22, [Day2] = 3 } };

        var dayOne = Assert.Single(Publish(Counts(forms, polls: [poll], to: Day2)).Polls);
        var both = Assert.Single(Publish(Counts(forms, polls: [poll], to: Day2.AddDays(1))).Polls);

        Assert.Equal([12, 10], dayOne.Options.Select(option => option.Votes));
        Assert.Equal(22, dayOne.TotalVotes);
        Assert.All(both.Options, option => Assert.Null(option.Votes));
        Assert.Null(both.TotalVotes); // 25 - 22 would give day 2's 3 away.
    }

    [Fact]
    public void An_open_poll_without_votes_on_a_day_hides_every_poll_that_day_and_a_closed_one_is_a_known_zero()
    {
        var busy = PollOf("busy", null, ("red", Day1, 12), ("green", Day1, 10));
        var forms = new Dictionary<string, Dictionary<DateOnly, long>> { [FormKind.Poll] = new() { [Day1] = 22 } };

        var withIdle = Publish(Counts(forms, polls: [busy, PollOf("idle")], to: Day2)).Polls;
        var withClosed = Publish(Counts(forms, polls: [busy, PollOf("closed", Midnight(Day1).AddHours(-1))], to: Day2)).Polls;

        Assert.All(withIdle, poll => Assert.Null(poll.TotalVotes));
        Assert.Equal(22, withClosed.Single(poll => poll.PollId == "busy").TotalVotes);
        Assert.Null(withClosed.Single(poll => poll.PollId == "closed").TotalVotes);
    }

    [Fact]
    public void No_two_ranges_difference_out_a_small_grant_entry_or_delivery_count()
    {
        // Four days. Day 2 holds 3 special-offers grants and promotion Q's 3 entries (Q ran that day only); day 3
        // holds 3 of P's deliveries. Every other count is at least 10, and every number that may be published is
        // even, so a difference of 3 can only come from a leak. Range totals of the old publisher gave all three
        // away: grants over days 1-2 (15) minus day 1 (12), delivered over days 3-4 (13) minus day 4 (10).
        DateOnly[] days = [Day1, Day1.AddDays(1), Day1.AddDays(2), Day1.AddDays(3)];
        var forms = new Dictionary<string, Dictionary<DateOnly, long>>
        {
            [FormKind.Registration] = new() { [days[0]] = 24, [days[1]] = 20, [days[2]] = 30, [days[3]] = 26 },
            [FormKind.Promotion] = new() { [days[0]] = 60, [days[1]] = 24, [days[2]] = 44, [days[3]] = 50 },
        };
        var p = Promotion(
            "p",
            new() { [days[0]] = 60, [days[1]] = 21, [days[2]] = 44, [days[3]] = 50 },
            new()
            {
                ["owed"] = new() { [days[0]] = 12, [days[1]] = 6, [days[2]] = 10, [days[3]] = 10 },
                ["delivered"] = new() { [days[0]] = 14, [days[2]] = 3, [days[3]] = 10 },
                ["withdrawn"] = new() { [days[0]] = 10, [days[1]] = 10, [days[2]] = 10, [days[3]] = 10 },
                ["failed"] = new() { [days[0]] = 14, [days[2]] = 9, [days[3]] = 10 },
            });
        var q = Promotion("q", new() { [days[1]] = 3 }, opens: days[1], closes: days[2]);
        ConsentCounts[] consents =
        [
            Consent("special-offers", [FormKind.Registration], (days[0], 12, 12), (days[1], 3, 17), (days[2], 14, 16), (days[3], 12, 14)),
            Consent("p-sharing", [FormKind.Promotion], (days[0], 50, 10), (days[1], 16, 5), (days[2], 32, 12), (days[3], 40, 10)),
        ];

        var published = new List<long>();
        for (var from = 0; from < days.Length; from++)
        {
            for (var to = from + 1; to <= days.Length; to++)
            {
                var report = Publish(Counts(forms, [p, q], consents, from: days[from], to: days[from].AddDays(to - from)));
                published.AddRange(Published(report));
                if (from <= 1 && to >= 2)
                {
                    var offers = Assert.Single(report.Consents, consent => consent.LabelId == "special-offers");
                    Assert.Null(offers.Granted);
                }
            }
        }

        Assert.Contains(12L, published);
        Assert.Contains(26L, published); // special-offers grants, days 3-4
        Assert.Contains(94L, published); // P's entries, days 3-4
        Assert.DoesNotContain(published, value => value is >= 0 and < 10);
        Assert.DoesNotContain(3L, published.SelectMany(a => published.Select(b => a - b)));
    }
}
