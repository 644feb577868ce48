using Submissions.Domain.Consent;
using Submissions.Domain.Forms;

namespace Submissions.Application.Hosting;

/// <summary>The consent labels a local run starts with: every form has what it needs to be exercised end to end.</summary>
public static class DemoConsentLabels
{
    public const string DemoPartnerId = "demo-partner";
    public const string DemoPartnerSharingLabelId = "demo-partner-sharing";

    public static IReadOnlyList<ConsentLabel> Create(DateTimeOffset now) =>
    [
        Label(now, "terms", ConsentPurpose.Terms, required: true, [FormKind.Registration], ["email", "displayName"],
            "I agree to the Terms of Use and have read the Privacy Policy."),
        Label(now, "special-offers", ConsentPurpose.SpecialOffers, required: false, [FormKind.Registration], ["email"],
            "Email me special offers from this site. Every email has a one-click link to stop them."),
        Label(now, "demographics", ConsentPurpose.Demographics, required: false, [FormKind.Registration], ["profile.country", "profile.ageRange", "profile.gender"],
            "Store my country, age range and gender to help the site understand its audience. Leave unticked and they are not stored."),
        Label(now, "comment-terms", ConsentPurpose.Terms, required: true, [FormKind.Comment], ["displayName", "text", "email"],
            "I agree to the Community Guidelines. My comment is checked by a moderator before it appears."),
        Label(now, "public-display", ConsentPurpose.PublicDisplay, required: false, [FormKind.Comment], ["displayName"],
            "Show my display name next to my comment. Otherwise it appears as 'Anonymous'."),
        Label(now, "poll-terms", ConsentPurpose.Terms, required: true, [FormKind.Poll], ["voterToken", "email"],
            "Count my vote. The site keeps an opaque token to stop double voting, and publishes totals only."),
        Label(now, "promotion-terms", ConsentPurpose.Terms, required: true, [FormKind.Promotion], ["email", "name"],
            "I accept the promotion rules. My email is used to tell me if I win."),
        Label(now, DemoPartnerSharingLabelId, ConsentPurpose.PartnerSharing, required: false, [FormKind.Promotion], ["email", "name"],
            "Share my email address and name with Demo Partner Ltd so they can send me this offer. I can still enter if I say no.",
            DemoPartnerId),
    ];

    private static ConsentLabel Label(DateTimeOffset now, string id, string purpose, bool required, string[] forms, string[] fields, string text, string? partner = null) =>
        new(id, 1, purpose, text, required, forms, fields, partner, ConsentLabelStatus.Active, now);
}
