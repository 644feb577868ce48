using Submissions.Domain.Consent;
using static Submissions.Domain.Tests.Consent.Labels;

namespace Submissions.Domain.Tests.Consent;

public sealed class ConsentEvaluatorTests
{
    private static readonly ConsentCatalog Catalog = new(
    [
        Make("terms", required: true),
        Make("offers", purpose: ConsentPurpose.SpecialOffers, version: 1, status: ConsentLabelStatus.Retired),
        Make("offers", purpose: ConsentPurpose.SpecialOffers, version: 2),
        Make("display", purpose: ConsentPurpose.PublicDisplay, forms: ["comment"]),
        Make("old", status: ConsentLabelStatus.Retired),
    ]);

    [Fact]
    public void Explicit_answers_to_every_active_label_are_accepted()
    {
        var result = ConsentEvaluator.Evaluate("registration", Catalog, [Answer("terms"), Answer("offers", 2, granted: false)]);

        Assert.True(result.IsValid);
        Assert.Equal(2, result.Decisions.Count);
        Assert.False(result.IsGranted(ConsentPurpose.SpecialOffers));
        Assert.True(result.IsGranted(ConsentPurpose.Terms));
    }

    [Fact]
    public void Nothing_defaults_to_granted_a_missing_answer_is_an_error()
    {
        var result = ConsentEvaluator.Evaluate("registration", Catalog, [Answer("terms")]);

        Assert.False(result.IsValid);
        Assert.Equal(["consents[offers]"], result.Errors.ToDictionary().Keys);
        Assert.DoesNotContain(result.Decisions, decision => decision.Label.LabelId == "offers");
    }

    [Fact]
    public void No_answers_at_all_reports_every_label()
    {
        var result = ConsentEvaluator.Evaluate("registration", Catalog, null);

        Assert.Equal(["consents[offers]", "consents[terms]"], result.Errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("offers", 1, "is retired; answer the current version 2")]
    [InlineData("offers", 9, "has no version 9; the current version is 2")]
    [InlineData("old", 1, "is retired and can no longer be answered")]
    [InlineData("display", 1, "does not apply to this registration form")]
    public void Wrong_versions_and_labels_are_named(string labelId, int version, string message)
    {
        ConsentAnswerInput[] answers = labelId == "offers"
            ? [Answer("terms"), Answer(labelId, version)]
            : [Answer("terms"), Answer("offers", 2), Answer(labelId, version)];

        var result = ConsentEvaluator.Evaluate("registration", Catalog, answers);

        var errors = result.Errors.ToDictionary();
        Assert.Contains(errors[$"consents[{labelId}]"], text => text.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_required_label_answered_false_is_rejected()
    {
        var result = ConsentEvaluator.Evaluate("registration", Catalog, [Answer("terms", granted: false), Answer("offers", 2)]);

        Assert.Contains("must be granted", Assert.Single(result.Errors.ToDictionary()["consents[terms]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_label_is_reported_by_position_without_echoing_the_input()
    {
        var result = ConsentEvaluator.Evaluate("registration", Catalog, [Answer("terms"), Answer("offers", 2), Answer("jane-doe")]);

        var error = Assert.Single(result.Errors.ToDictionary());
        Assert.Equal("consents[2].labelId", error.Key);
        Assert.DoesNotContain("jane-doe", error.Value[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_answered_twice_is_rejected()
    {
        var result = ConsentEvaluator.Evaluate("registration", Catalog, [Answer("terms"), Answer("offers", 2), Answer("terms")]);

        Assert.Equal(["consents[terms]"], result.Errors.ToDictionary().Keys);
    }

    [Fact]
    public void The_active_labels_of_a_form_are_the_latest_active_versions()
    {
        Assert.Equal([("offers", 2), ("terms", 1)], Catalog.ActiveFor("registration").Select(label => (label.LabelId, label.Version)));
        Assert.Equal(["display"], Catalog.ActiveFor("comment").Select(label => label.LabelId));
        Assert.Empty(Catalog.ActiveFor("poll"));
    }
}
