using Submissions.Domain.Consent;
using static Submissions.Domain.Tests.Consent.Labels;

namespace Submissions.Domain.Tests.Consent;

/// <summary>Issue 14, defect 11: the grace for a retired version runs from the retirement stored with it.</summary>
public sealed class RetiredVersionGraceTests
{
    private static readonly DateTimeOffset RetiredAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    private static readonly ConsentCatalog Catalog = new(
    [
        Make("terms", version: 1, required: true, status: ConsentLabelStatus.Retired, text: "Old terms") with { RetiredAt = RetiredAt },
        Make("terms", version: 2, required: true, text: "New terms"),
        Make("legacy", version: 1, status: ConsentLabelStatus.Retired),
    ]);

    [Fact]
    public void A_version_retired_within_the_grace_is_accepted_and_recorded_as_the_version_answered()
    {
        var result = ConsentEvaluator.Evaluate("registration", Catalog, static _ => true, [Answer("terms", 1)], new ConsentAnswerWindow(RetiredAt + Grace - TimeSpan.FromTicks(1), Grace));

        Assert.True(result.IsValid);
        var decision = Assert.Single(result.Decisions);
        Assert.Equal((1, "Old terms"), (decision.Label.Version, decision.Label.Text));
    }

    [Fact]
    public void Once_the_grace_has_passed_the_retired_version_is_refused()
    {
        var result = ConsentEvaluator.Evaluate("registration", Catalog, static _ => true, [Answer("terms", 1)], new ConsentAnswerWindow(RetiredAt + Grace, Grace));

        Assert.Contains("is retired; answer the current version 2", Assert.Single(result.Errors.ToDictionary()["consents[terms]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_in_grace_is_held_to_the_same_scope_and_rules_as_an_active_one()
    {
        var window = new ConsentAnswerWindow(RetiredAt, Grace);

        var outOfScope = ConsentEvaluator.Evaluate("registration", Catalog, static label => label.Version != 1, [Answer("terms", 1)], window);
        var declinedRequired = ConsentEvaluator.Evaluate("registration", Catalog, static _ => true, [Answer("terms", 1, granted: false)], window);
        var neverTimed = ConsentEvaluator.Evaluate("registration", Catalog, static _ => true, [Answer("terms", 2), Answer("legacy", 1)], window);

        Assert.False(outOfScope.IsValid);
        Assert.Contains("must be granted", Assert.Single(declinedRequired.Errors.ToDictionary()["consents[terms]"]), StringComparison.Ordinal);
        Assert.Contains("is retired and can no longer be answered", Assert.Single(neverTimed.Errors.ToDictionary()["consents[legacy]"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Retiring_stamps_the_time_and_an_already_retired_version_keeps_its_own()
    {
        var definition = new ConsentLabelDefinition(ConsentPurpose.Terms, "Text", true, ["registration"], ["email"], null, null);
        var first = ConsentLabelVersioning.Plan("terms", [], definition, RetiredAt.AddDays(-1)).Label;

        var superseded = ConsentLabelVersioning.Plan("terms", [first], definition with { Text = "Text 2" }, RetiredAt).Superseded!;
        var retired = ConsentLabelVersioning.Plan("terms", [first], definition with { Status = ConsentLabelStatus.Retired }, RetiredAt).Label;
        var supersededWhileRetired = ConsentLabelVersioning.Plan("terms", [retired], definition with { Text = "Text 2" }, RetiredAt.AddDays(1)).Superseded!;

        Assert.Equal(RetiredAt, superseded.RetiredAt);
        Assert.Equal(RetiredAt, retired.RetiredAt);
        Assert.Equal(RetiredAt, supersededWhileRetired.RetiredAt);
        Assert.Null(first.RetiredAt);
    }
}
