using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.ConsentLabels;

namespace Submissions.Functions.Tests.ConsentLabels;

public sealed class ConsentLabelFunctionTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("registration", new[] { "demographics", "special-offers", "terms" })]
    [InlineData("comment", new[] { "comment-terms", "public-display" })]
    [InlineData("poll", new[] { "poll-terms" })]
    [InlineData("promotion", new[] { "promotion-terms" })] // partner-sharing labels belong to a promotion: see below
    public async Task Each_form_gets_its_seeded_labels_with_exact_text(string form, string[] expected)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await new ConsentLabelAdmin(app).GetForFormAsync(form);

        Assert.Equal(200, response.Status);
        Assert.Equal(form, response.Json.GetProperty("form").GetString());
        var labels = response.Json.GetProperty("labels").EnumerateArray().ToList();
        Assert.Equal(expected, labels.Select(label => label.GetProperty("labelId").GetString()));
        Assert.All(labels, label =>
        {
            Assert.Equal(1, label.GetProperty("version").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(label.GetProperty("text").GetString()));
            Assert.True(label.TryGetProperty("required", out _));
            Assert.True(label.TryGetProperty("purpose", out _));
            Assert.True(label.TryGetProperty("fields", out _));
        });
    }

    [Fact]
    public async Task A_promotion_s_partner_sharing_label_names_its_partner_and_fields()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await new ConsentLabelAdmin(app).GetForFormAsync("promotion", "demo-promotion");

        var sharing = response.Json.GetProperty("labels").EnumerateArray().Single(label => label.GetProperty("purpose").GetString() == "partner-sharing");
        Assert.Equal("demo-partner", sharing.GetProperty("partner").GetString());
        Assert.Equal(["email", "name"], sharing.GetProperty("fields").EnumerateArray().Select(field => field.GetString()));
        Assert.False(sharing.GetProperty("required").GetBoolean());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("newsletter")]
    public async Task An_unknown_form_is_400(string? form)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await new ConsentLabelAdmin(app).GetForFormAsync(form);

        Assert.Equal(400, response.Status);
        Assert.Equal(["form"], response.ErrorFields);
    }

    [Fact]
    public async Task Seeding_twice_changes_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var initializer = app.Services.GetRequiredService<Submissions.Application.Hosting.StorageInitializer>();

        await initializer.InitializeAsync(CancellationToken.None);
        await initializer.InitializeAsync(CancellationToken.None);

        var catalog = await app.Services.GetRequiredService<ConsentLabelStore>().LoadCatalogAsync(CancellationToken.None);
        Assert.Single(catalog.VersionsOf("terms"));
        Assert.Single(catalog.VersionsOf("demo-partner-sharing"));
    }

    [Fact]
    public async Task A_text_change_makes_a_new_version_and_the_old_one_stays_readable()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var admin = new ConsentLabelAdmin(app);

        var created = await admin.PutAsync("newsletter-terms", "Version one text.");
        var same = await admin.PutAsync("newsletter-terms", "Version one text.");
        var changed = await admin.PutAsync("newsletter-terms", "Version two text.");

        Assert.Equal(201, created.Status);
        Assert.Equal(1, created.Json.GetProperty("version").GetInt32());
        Assert.Equal(200, same.Status);
        Assert.Equal(1, same.Json.GetProperty("version").GetInt32());
        Assert.Equal(201, changed.Status);
        Assert.Equal(2, changed.Json.GetProperty("version").GetInt32());
        Assert.Equal(1, changed.Json.GetProperty("retiredVersion").GetInt32());

        var versions = await app.Services.GetRequiredService<ConsentLabelStore>().GetVersionsAsync("newsletter-terms", CancellationToken.None);
        Assert.Equal(2, versions.Count);
        var first = versions.Single(label => label.Version == 1);
        Assert.Equal("Version one text.", first.Text);
        Assert.Equal("retired", first.Status);
        Assert.Equal("active", versions.Single(label => label.Version == 2).Status);

        var shown = await admin.GetForFormAsync("registration");
        var label = shown.Json.GetProperty("labels").EnumerateArray().Single(l => l.GetProperty("labelId").GetString() == "newsletter-terms");
        Assert.Equal(2, label.GetProperty("version").GetInt32());
        Assert.Equal("Version two text.", label.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Retiring_a_label_removes_it_from_forms_and_from_what_must_be_answered()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var admin = new ConsentLabelAdmin(app);
        var seeded = "Store my country, age range and gender to help the site understand its audience. Leave unticked and they are not stored.";

        var retired = await admin.PutAsync("demographics", seeded, purpose: "demographics", fields: ["profile.country", "profile.ageRange", "profile.gender"], status: "retired");

        Assert.Equal(200, retired.Status);
        Assert.Equal("retired", retired.Json.GetProperty("status").GetString());
        var shown = await admin.GetForFormAsync("registration");
        Assert.DoesNotContain("demographics", shown.Json.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("labelId").GetString()));

        var registration = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), consents:
            [new { labelId = "terms", version = 1, granted = true }, new { labelId = "special-offers", version = 1, granted = false }]));
        Assert.Equal(201, registration.Status);

        app.Time.Advance(TimeSpan.FromSeconds(900)); // Answering the retired label is accepted during its grace only.
        var answeringRetired = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));
        Assert.Equal(["consents[demographics]"], answeringRetired.ErrorFields);
    }

    [Fact]
    public async Task Invalid_definitions_are_400_with_field_errors()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var admin = new ConsentLabelAdmin(app);

        var noPartner = await admin.PutAsync("share-with-someone", "Share my email.", purpose: "partner-sharing");
        Assert.Equal(["partner"], noPartner.ErrorFields);

        var badPurpose = await admin.PutAsync("odd-label", "Text.", purpose: "marketing-stuff", forms: ["newsletter"], fields: ["e mail"]);
        Assert.Equal(["fields[0]", "forms", "purpose"], badPurpose.ErrorFields.Order(StringComparer.Ordinal));

        var missing = await admin.PutRawAsync("empty-label", "{}");
        Assert.Equal(["fields", "forms", "purpose", "required", "text"], missing.ErrorFields.Order(StringComparer.Ordinal));

        var badId = await admin.PutAsync("Bad_Id", "Text.");
        Assert.Equal(["labelId"], badId.ErrorFields);

        var catalog = await app.Services.GetRequiredService<ConsentLabelStore>().LoadCatalogAsync(CancellationToken.None);
        Assert.Empty(catalog.VersionsOf("share-with-someone"));
        Assert.Empty(catalog.VersionsOf("odd-label"));
    }

    [Fact]
    public async Task Re_sending_a_retired_label_without_a_status_keeps_it_retired()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var admin = new ConsentLabelAdmin(app);
        await admin.PutAsync("quiet-label", "Text.", status: "retired");

        var again = await admin.PutAsync("quiet-label", "Text.");

        Assert.Equal(200, again.Status);
        Assert.Equal("retired", again.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_change_planned_from_a_stale_read_is_refused_so_the_caller_re_plans()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var store = app.Services.GetRequiredService<ConsentLabelStore>();
        var admin = new ConsentLabelAdmin(app);
        await admin.PutAsync("raced-label", "Text one.");
        var stale = await store.GetHistoryAsync("raced-label", CancellationToken.None);

        await admin.PutAsync("raced-label", "Text one.", status: "retired");
        var retireAgainFromStale = Submissions.Domain.Consent.ConsentLabelVersioning.Plan(
            "raced-label", stale.Versions, new("terms", "Text two.", false, ["registration"], ["email"], null, null), app.Time.GetUtcNow());

        Assert.False(await store.TryApplyAsync(retireAgainFromStale, stale, CancellationToken.None));
        var versions = await store.GetVersionsAsync("raced-label", CancellationToken.None);
        Assert.Equal("retired", Assert.Single(versions).Status);
    }
}
