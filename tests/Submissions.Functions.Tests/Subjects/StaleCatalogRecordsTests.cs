using Submissions.Application.Partners;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Subjects;

/// <summary>
/// Issue 14, the class of defect 11 elsewhere: an instance whose cached catalog predates a label version read a
/// person's answer to that version as unknown — the access bundle lost its text, and a withdrawal on the person's
/// behalf failed ("missing from the catalog"), and a delivery re-checking a sharing grant to that version found no grant
/// and was stopped. A record naming a version the cache lacks now refreshes the catalog.
/// </summary>
public sealed class StaleCatalogRecordsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_instance_that_has_not_seen_a_new_version_still_shows_and_withdraws_an_answer_to_it()
    {
        var shared = new Dictionary<string, string?> { ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10], ["ConsentCatalog:CacheSeconds"] = "30" };
        await using var editor = await TestApp.StartAsync(azurite.ConnectionString, shared);
        await using var other = await TestApp.StartAsync(azurite.ConnectionString, shared);
        Assert.Equal(200, (await new ConsentLabelAdmin(other).GetForFormAsync("registration")).Status); // Warms other's cache.
        const string newText = "Email me offers, now also from our sister sites.";
        Assert.Equal(201, (await new ConsentLabelAdmin(editor).PutAsync("special-offers", newText, purpose: "special-offers")).Status);
        var email = RegistrationForms.NewEmail();
        var registered = await editor.PostAsync(RegistrationForms.Body(email, consents:
        [
            new { labelId = "terms", version = 1, granted = true },
            new { labelId = "special-offers", version = 2, granted = true },
            new { labelId = "demographics", version = 1, granted = false },
        ]));
        Assert.Equal(201, registered.Status);

        var access = await other.AccessAsync(email);
        var withdrawal = await other.WithdrawAsync(email, "special-offers");

        Assert.Equal(200, access.Status);
        var answer = Assert.Single(access.Json.GetProperty("consents").EnumerateArray(), record => record.GetProperty("labelId").GetString() == "special-offers");
        Assert.Equal(2, answer.GetProperty("version").GetInt32());
        Assert.Equal(newText, answer.GetProperty("text").GetString());
        Assert.Equal(200, withdrawal.Status);
        var withdrawn = Assert.Single(withdrawal.Json.GetProperty("withdrawn").EnumerateArray());
        Assert.Equal("special-offers", withdrawn.GetProperty("labelId").GetString());
    }

    [Fact]
    public async Task An_instance_that_has_not_seen_a_new_sharing_version_still_delivers_an_entry_that_granted_it()
    {
        var shared = new Dictionary<string, string?>
        {
            ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10],
            ["ConsentCatalog:CacheSeconds"] = "30",
            [PartnerSettings.SigningSecret("demo-partner")] = TestApp.NewSigningSecret(),
        };
        await using var editor = await TestApp.StartAsync(azurite.ConnectionString, shared);
        await using var other = await TestApp.StartAsync(azurite.ConnectionString, shared);
        await using var receiver = await TestReceiver.StartAsync(editor.SigningSecret(), editor.Time);
        await editor.PointDemoPartnerAtAsync(receiver.Url);
        Assert.Equal(200, (await new ConsentLabelAdmin(other).GetForFormAsync("promotion")).Status); // Warms other's cache.
        Assert.Equal(201, (await new ConsentLabelAdmin(editor).PutAsync(
            "demo-partner-sharing", "Share my email and name with Demo Partner Ltd, who will send me its offers.", forms: ["promotion"], fields: ["email", "name"],
            purpose: "partner-sharing", partner: "demo-partner")).Status);

        var entry = PromotionForms.Entry(RegistrationForms.NewEmail(), share: true, consents:
        [
            new { labelId = "promotion-terms", version = 1, granted = true },
            new { labelId = "demo-partner-sharing", version = 2, granted = true },
        ]);
        Assert.Equal(201, (await editor.EnterAsync(PromotionForms.DemoPromotion, entry)).Status);
        other.RecordSubmitted(entry);

        Assert.Equal(1, await other.DeliverAllAsync());
        Assert.Single(receiver.Received);
    }
}
