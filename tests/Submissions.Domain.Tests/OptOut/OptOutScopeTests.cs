using Submissions.Domain.OptOut;

namespace Submissions.Domain.Tests.OptOut;

public sealed class OptOutScopeTests
{
    [Fact]
    public void Special_offers_is_the_purpose()
    {
        Assert.Equal("special-offers", OptOutScope.SpecialOffers.Value);
        Assert.Equal(OptOutScopeKind.SpecialOffers, OptOutScope.SpecialOffers.Kind);
        Assert.Null(OptOutScope.SpecialOffers.PartnerId);
    }

    [Fact]
    public void A_partner_scope_names_the_partner()
    {
        var scope = OptOutScope.Partner("demo-partner");

        Assert.Equal("partner:demo-partner", scope.Value);
        Assert.Equal(OptOutScopeKind.PartnerSharing, scope.Kind);
        Assert.Equal("demo-partner", scope.PartnerId);
        Assert.Equal(scope, OptOutScope.Partner("demo-partner"));
        Assert.NotEqual(scope, OptOutScope.Partner("other-partner"));
    }

    [Theory]
    [InlineData("special-offers")]
    [InlineData("partner:demo-partner")]
    [InlineData("partner:ab")]
    public void Parse_reads_what_Value_writes(string text)
    {
        Assert.True(OptOutScope.TryParse(text, out var scope));
        Assert.Equal(text, scope.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Special-Offers")]
    [InlineData(" special-offers")]
    [InlineData("special-offers ")]
    [InlineData("terms")]
    [InlineData("partner-sharing")]
    [InlineData("partner:")]
    [InlineData("partner:a")]
    [InlineData("partner:Demo")]
    [InlineData("partner:demo partner")]
    [InlineData("partner:-demo")]
    [InlineData("partner:demo\n")]
    [InlineData("Partner:demo")]
    [InlineData("partner:partner:demo")]
    public void Parse_refuses_anything_else(string? text)
    {
        Assert.False(OptOutScope.TryParse(text, out var scope));
        Assert.Null(scope);
    }

    [Fact]
    public void Parse_refuses_a_partner_id_longer_than_identifiers_allow()
    {
        Assert.True(OptOutScope.TryParse("partner:" + new string('a', 64), out _));
        Assert.False(OptOutScope.TryParse("partner:" + new string('a', 65), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("Demo")]
    [InlineData("demo partner")]
    [InlineData("partner:demo")]
    public void A_partner_scope_needs_a_valid_partner_id(string partnerId) =>
        Assert.Throws<ArgumentException>(() => OptOutScope.Partner(partnerId));
}
