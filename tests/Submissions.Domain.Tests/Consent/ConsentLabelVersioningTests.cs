using Submissions.Domain.Consent;

namespace Submissions.Domain.Tests.Consent;

public sealed class ConsentLabelVersioningTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private static ConsentLabelDefinition Definition(string text = "Text", string? status = null, string[]? fields = null) =>
        new(ConsentPurpose.Terms, text, true, ["registration"], fields ?? ["email"], null, status);

    [Fact]
    public void The_first_definition_creates_version_one()
    {
        var change = ConsentLabelVersioning.Plan("terms", [], Definition(), Now);

        Assert.Equal(ConsentLabelChangeKind.Created, change.Kind);
        Assert.Equal(1, change.Label.Version);
        Assert.Equal(ConsentLabelStatus.Active, change.Label.Status);
        Assert.Equal(ContentHash.Sha256Hex("Text"), change.Label.TextSha256);
    }

    [Theory]
    [InlineData("Other text", null)]
    [InlineData("Text", "email,displayName")]
    public void A_content_change_makes_a_new_version_and_retires_the_previous(string text, string? fields)
    {
        var existing = ConsentLabelVersioning.Plan("terms", [], Definition(), Now).Label;

        var change = ConsentLabelVersioning.Plan("terms", [existing], Definition(text, fields: fields?.Split(',')), Now);

        Assert.Equal(ConsentLabelChangeKind.NewVersion, change.Kind);
        Assert.Equal(2, change.Label.Version);
        Assert.Equal(1, change.Superseded!.Version);
        Assert.Equal(ConsentLabelStatus.Retired, change.Superseded.Status);
        Assert.Equal(existing.Text, change.Superseded.Text);
    }

    [Fact]
    public void The_same_definition_again_changes_nothing()
    {
        var existing = ConsentLabelVersioning.Plan("terms", [], Definition(), Now).Label;

        var change = ConsentLabelVersioning.Plan("terms", [existing], Definition(), Now.AddDays(1));

        Assert.Equal(ConsentLabelChangeKind.Unchanged, change.Kind);
        Assert.Same(existing, change.Label);
    }

    [Fact]
    public void A_status_change_keeps_the_version()
    {
        var existing = ConsentLabelVersioning.Plan("terms", [], Definition(), Now).Label;

        var change = ConsentLabelVersioning.Plan("terms", [existing], Definition(status: ConsentLabelStatus.Retired), Now);

        Assert.Equal(ConsentLabelChangeKind.StatusChanged, change.Kind);
        Assert.Equal(1, change.Label.Version);
        Assert.Equal(ConsentLabelStatus.Retired, change.Label.Status);
    }
}

public sealed class ConsentLabelMaterialChangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly ConsentLabelDefinition Original = new(ConsentPurpose.PartnerSharing, "Share", false, ["promotion"], ["email"], "partner-a", null);

    public static TheoryData<ConsentLabelDefinition> Changes { get; } =
    [
        Original with { Purpose = ConsentPurpose.SpecialOffers, Partner = null },
        Original with { Partner = "partner-b" },
        Original with { Forms = ["promotion", "registration"] },
        Original with { Required = true },
        Original with { Fields = ["email", "name"] },
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Anything_a_person_agrees_to_makes_a_new_version(ConsentLabelDefinition changed)
    {
        var existing = ConsentLabelVersioning.Plan("share", [], Original, Now).Label;

        Assert.Equal(ConsentLabelChangeKind.NewVersion, ConsentLabelVersioning.Plan("share", [existing], changed, Now).Kind);
    }

    [Fact]
    public void List_order_is_not_a_change()
    {
        var existing = ConsentLabelVersioning.Plan("share", [], Original with { Fields = ["email", "name"] }, Now).Label;

        Assert.Equal(ConsentLabelChangeKind.Unchanged, ConsentLabelVersioning.Plan("share", [existing], Original with { Fields = ["name", "email"] }, Now).Kind);
    }
}
