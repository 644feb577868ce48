using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Exports;

/// <summary>Where a consent applies, the export shows its effective state now, not only the answer given at the time.</summary>
public sealed class EffectiveConsentColumnTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_withdrawn_registration_consent_shows_as_withdrawn_and_a_declined_one_as_declined()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var other = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true, demographics: true)));
        await app.PostAsync(RegistrationForms.Body(other, consents: RegistrationForms.Consents(offers: true)));
        Assert.Equal(200, (await app.WithdrawAsync(email, "special-offers")).Status);

        var rows = (await app.ExportAsync("registrations", "csv")).Rows("csv").ToDictionary(row => row["email"]);

        Assert.Equal(("granted", "withdrawn", "granted"), (rows[email]["consent.terms"], rows[email]["consent.special-offers"], rows[email]["consent.demographics"]));
        Assert.Equal(("granted", "granted", "declined"), (rows[other]["consent.terms"], rows[other]["consent.special-offers"], rows[other]["consent.demographics"]));
    }

    [Fact]
    public async Task Promotion_sharing_shows_what_was_answered_at_entry_and_what_stands_now()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var (withdrawn, kept, declined) = (RegistrationForms.NewEmail(), RegistrationForms.NewEmail(), RegistrationForms.NewEmail());
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(withdrawn, share: true));
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(kept, share: true));
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(declined, share: false));
        Assert.Equal(200, (await app.WithdrawAsync(withdrawn, "demo-partner-sharing")).Status);

        var rows = (await app.ExportAsync("promotion-entries", "ndjson")).Rows("ndjson").ToDictionary(row => row["email"]);

        Assert.Equal(("granted", "withdrawn"), (rows[withdrawn]["sharingAtEntry"], rows[withdrawn]["sharingNow"]));
        Assert.Equal(("granted", "granted"), (rows[kept]["sharingAtEntry"], rows[kept]["sharingNow"]));
        Assert.Equal(("declined", "declined"), (rows[declined]["sharingAtEntry"], rows[declined]["sharingNow"]));
    }

    [Fact]
    public async Task A_comment_whose_public_display_was_withdrawn_shows_the_name_as_not_shown()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var pageId = CommentForms.NewPageId();
        await app.PostCommentAsync(CommentForms.Body(pageId, "Shown, then not.", email: email));
        await app.PostCommentAsync(CommentForms.Body(pageId, "Never shown.", consents: CommentForms.Consents(showName: false)));
        Assert.Equal(200, (await app.WithdrawAsync(email, "public-display")).Status);

        var rows = (await app.ExportAsync("comments", "csv")).Rows("csv").ToDictionary(row => row["text"]);

        Assert.Equal("false", rows["Shown, then not."]["nameShown"]);
        Assert.Equal("false", rows["Never shown."]["nameShown"]);
        Assert.Equal("Commenter Name", rows["Never shown."]["displayName"]);
    }
}
