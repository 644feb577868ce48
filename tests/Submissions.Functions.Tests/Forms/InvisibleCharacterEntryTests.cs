using Submissions.Functions.Tests.Concurrency;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// Issue 14, defect 6, through the real promotion endpoint against Azurite: an invisible character does not make a
/// second entrant of one email, and a name of nothing is refused, each with its stable code.
/// </summary>
public sealed class InvisibleCharacterEntryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_email_with_a_zero_width_space_is_not_a_second_entrant()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var local = "entrant." + Guid.NewGuid().ToString("N");
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry($"{local}@example.test", share: false))).Status);

        var again = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry($"{local}\u200B@example.test", share: false));

        Assert.Equal(400, again.Status);
        Assert.True(again.IsProblem);
        Assert.Equal(["email"], again.ErrorFields);
        Assert.Equal("invisible-character", again.Json.GetProperty("codes").GetProperty("email")[0].GetString());
        var rows = await app.Tables.Promotions.RowKindsAsync(PromotionForms.DemoPromotion);
        Assert.Equal(1, rows["entry~"]);
    }

    [Fact]
    public async Task A_name_of_only_a_zero_width_space_is_refused()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var entry = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(RegistrationForms.NewEmail(), share: false, name: "\u200B"));

        Assert.Equal(400, entry.Status);
        Assert.Equal(["name"], entry.ErrorFields);
        Assert.Equal("no-visible-character", entry.Json.GetProperty("codes").GetProperty("name")[0].GetString());
        Assert.False((await app.Tables.Promotions.RowKindsAsync(PromotionForms.DemoPromotion)).ContainsKey("entry~"));
    }
}
