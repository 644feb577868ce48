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
        PollCounts[]? polls = null) => new(
            Day1,
            Day2.AddDays(1),
            (forms ?? []).ToDictionary(pair => pair.Key, pair => (IReadOnlyDictionary<DateOnly, long>)pair.Value),
            new Dictionary<DateOnly, long>(),
            polls ?? [],
            promotions ?? [],
            consents ?? []);

    private static StatisticsReport Publish(StatisticsCounts counts) => StatisticsPublisher.Publish(counts, new SmallCountSuppression());

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
            promotions: [new PromotionCounts("p1", 21, new Dictionary<string, long> { ["owed"] = 21 })]));

        var promotion = Assert.Single(report.Promotions);
        Assert.Null(promotion.Entries);
        Assert.Null(promotion.NotShared);
        Assert.All(promotion.Deliveries.Values, Assert.Null);
    }

    [Fact]
    public void Promotion_entries_are_all_or_nothing_and_deliveries_are_shown_only_when_every_split_is_large()
    {
        var forms = new Dictionary<string, Dictionary<DateOnly, long>> { [FormKind.Promotion] = new() { [Day1] = 60, [Day2] = 59 } };
        var big = new PromotionCounts("big", 110, new Dictionary<string, long> { ["owed"] = 30, ["delivered"] = 40, ["withdrawn"] = 10, ["failed"] = 10 });

        var shown = Assert.Single(Publish(Counts(forms, promotions: [big with { Entries = 119 }])).Promotions);
        Assert.Equal(119, shown.Entries);
        Assert.Equal(29, shown.NotShared);
        Assert.Equal(40, shown.Deliveries["delivered"]);

        var withSmall = Publish(Counts(forms, promotions: [big, new PromotionCounts("small", 9, new Dictionary<string, long>())])).Promotions;
        Assert.All(withSmall, promotion => Assert.Null(promotion.Entries));

        var fewFailures = Assert.Single(Publish(Counts(forms, promotions: [big with { Entries = 119, DeliveriesByStatus = new Dictionary<string, long> { ["owed"] = 30, ["delivered"] = 50, ["failed"] = 0 } }])).Promotions);
        Assert.Equal(119, fewFailures.Entries);
        Assert.Null(fewFailures.NotShared);
        Assert.All(fewFailures.Deliveries.Values, Assert.Null);
    }

    [Fact]
    public void Grant_rates_come_only_from_published_counts()
    {
        var forms = new Dictionary<string, Dictionary<DateOnly, long>> { [FormKind.Registration] = new() { [Day1] = 20, [Day2] = 30 } };
        var report = Publish(Counts(forms, consents:
        [
            new ConsentCounts("special-offers", 15, 35, [FormKind.Registration]),
            new ConsentCounts("demographics", 7, 43, [FormKind.Registration]),
        ]));

        var offers = Assert.Single(report.Consents, consent => consent.LabelId == "special-offers");
        Assert.Equal((15, 35, 50, 0.3), (offers.Granted!.Value, offers.Declined!.Value, offers.Answered!.Value, offers.GrantRate!.Value));
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
            consents: [new ConsentCounts("comment-terms", 21, 0, [FormKind.Comment])]));

        var terms = Assert.Single(report.Consents);
        Assert.Null(terms.Answered);
        Assert.Null(terms.Granted);
        Assert.Null(terms.GrantRate);
    }

    [Fact]
    public void Poll_options_own_their_total()
    {
        var report = Publish(Counts(polls: [new PollCounts("p", [new OptionCount("red", 12), new OptionCount("green", 10), new OptionCount("blue", 3)])]));

        var poll = Assert.Single(report.Polls);
        Assert.Equal([12, 10, null], poll.Options.Select(option => option.Votes));
        Assert.Null(poll.TotalVotes);
    }
}
