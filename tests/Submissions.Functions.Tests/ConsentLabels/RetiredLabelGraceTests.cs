using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Domain;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.ConsentLabels;

namespace Submissions.Functions.Tests.ConsentLabels;

/// <summary>
/// Issue 14, defect 11: a label version retired on one instance was refused there and accepted by another instance
/// until that one's cached catalog expired. The rule is now the same on every instance: a retired version may be
/// answered for ConsentCatalog:RetiredVersionGraceSeconds after the retirement stored with it, and is recorded as
/// the version answered; after that every instance refuses it.
/// </summary>
public sealed class RetiredLabelGraceTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(900);

    [Fact]
    public async Task Every_instance_gives_an_answer_to_the_just_retired_version_the_same_outcome_inside_and_after_the_grace()
    {
        var shared = new Dictionary<string, string?> { ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10], ["ConsentCatalog:CacheSeconds"] = "30" };
        await using var editor = await TestApp.StartAsync(azurite.ConnectionString, shared);
        await using var other = await TestApp.StartAsync(azurite.ConnectionString, shared);
        Assert.Equal(200, (await new ConsentLabelAdmin(other).GetForFormAsync("registration")).Status); // Warms other's cache.
        var firstText = (await editor.Services.GetRequiredService<ConsentLabelStore>().GetVersionsAsync("terms", CancellationToken.None)).Single().Text;

        var saved = await new ConsentLabelAdmin(editor).PutAsync("terms", "Revised terms.", required: true, fields: ["email", "displayName"]);
        Assert.Equal(201, saved.Status);

        foreach (var app in new[] { editor, other })
        {
            var answeringOld = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));
            Assert.Equal(201, answeringOld.Status);
            var terms = Terms(answeringOld.Json);
            Assert.Equal(1, terms.GetProperty("version").GetInt32());
            Assert.Equal(ContentHash.Sha256Hex(firstText), terms.GetProperty("textSha256").GetString());
        }

        // The new version is accepted everywhere at once too, though other's cached catalog has not seen it yet.
        foreach (var app in new[] { other, editor })
        {
            var answeringNew = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents: WithTerms(2)));
            Assert.Equal(201, answeringNew.Status);
            Assert.Equal(2, Terms(answeringNew.Json).GetProperty("version").GetInt32());
        }

        foreach (var app in new[] { editor, other })
        {
            app.Time.Advance(Grace);
            var late = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));
            Assert.Equal(400, late.Status);
            Assert.Equal(["consents[terms]"], late.ErrorFields);
            Assert.Contains("Version 1 of consent label 'terms' is retired; answer the current version 2", late.ErrorsText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_instance_that_has_not_seen_a_retired_label_does_not_refuse_a_form_without_it()
    {
        var shared = new Dictionary<string, string?> { ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10], ["ConsentCatalog:CacheSeconds"] = "30" };
        await using var editor = await TestApp.StartAsync(azurite.ConnectionString, shared);
        await using var other = await TestApp.StartAsync(azurite.ConnectionString, shared);
        Assert.Equal(200, (await new ConsentLabelAdmin(other).GetForFormAsync("registration")).Status);
        var seeded = "Store my country, age range and gender to help the site understand its audience. Leave unticked and they are not stored.";
        await new ConsentLabelAdmin(editor).PutAsync("demographics", seeded, purpose: "demographics", fields: ["profile.country", "profile.ageRange", "profile.gender"], status: "retired");

        foreach (var app in new[] { editor, other })
        {
            var withoutIt = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents:
                [new { labelId = "terms", version = 1, granted = true }, new { labelId = "special-offers", version = 1, granted = false }]));
            Assert.Equal(201, withoutIt.Status);
        }
    }

    [Fact]
    public async Task A_grace_shorter_than_the_caches_that_may_still_show_a_version_stops_start_up()
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["ConsentCatalog:CacheSeconds"] = "30", ["ConsentCatalog:RetiredVersionGraceSeconds"] = "60" },
            initializeStorage: false);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("RetiredVersionGraceSeconds must be at least CacheSeconds + 60 (90)", error.Message, StringComparison.Ordinal);
    }

    private static object[] WithTerms(int version) =>
    [
        new { labelId = "terms", version, granted = true },
        new { labelId = "special-offers", version = 1, granted = false },
        new { labelId = "demographics", version = 1, granted = false },
    ];

    private static JsonElement Terms(JsonElement response) =>
        response.GetProperty("receipt").GetProperty("consents").EnumerateArray().Single(answer => answer.GetProperty("labelId").GetString() == "terms");
}
