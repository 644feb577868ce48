using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Audit;

namespace Submissions.Functions.Tests.Subjects;

/// <summary>POST manage/subjects/access: everything about a person, read by key, audited.</summary>
public sealed class SubjectAccessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_bundle_holds_every_submission_the_full_consent_history_with_texts_and_every_disclosure()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);

        var response = await app.AccessAsync(person.Email);

        Assert.Equal(200, response.Status);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.StartsWith("attachment; filename=\"subject-access-", response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        var bundle = response.Json;
        Assert.Equal(person.Email, bundle.GetProperty("email").GetString());
        var registration = bundle.GetProperty("registration");
        Assert.Equal("Erin Example", registration.GetProperty("displayName").GetString());
        Assert.Equal("FI", registration.GetProperty("country").GetString());

        var comments = bundle.GetProperty("comments").EnumerateArray().ToList();
        Assert.Equal(person.PageIds.Order(), comments.Select(comment => comment.GetProperty("pageId").GetString()!).Order());
        Assert.All(comments, comment => Assert.Equal("Text written by the person.", comment.GetProperty("text").GetString()));
        var vote = Assert.Single(bundle.GetProperty("votes").EnumerateArray());
        Assert.Equal(person.PollId, vote.GetProperty("pollId").GetString());
        Assert.Equal("green", vote.GetProperty("optionId").GetString());
        var entry = Assert.Single(bundle.GetProperty("promotionEntries").EnumerateArray());
        Assert.Equal(PromotionForms.DemoPromotion, entry.GetProperty("promotionId").GetString());
        Assert.Equal(SubjectForms.EntryAnswer, entry.GetProperty("fields").GetProperty("answer").GetString());
        Assert.True(entry.GetProperty("sharingGranted").GetBoolean());

        // Registration 3 answers, each comment 2, the vote 1, the entry 2: every one with the exact text shown.
        var consents = bundle.GetProperty("consents").EnumerateArray().ToList();
        Assert.Equal(10, consents.Count);
        Assert.All(consents, consent => Assert.False(string.IsNullOrEmpty(consent.GetProperty("text").GetString())));
        Assert.Contains(consents, consent => consent.GetProperty("labelId").GetString() == "demo-partner-sharing" && consent.GetProperty("granted").GetBoolean());
        Assert.Equal(
            ["comment", "comment", "comment", "comment", "poll", "promotion", "promotion", "registration", "registration", "registration"],
            consents.Select(consent => consent.GetProperty("form").GetString()!).Order(StringComparer.Ordinal));

        var disclosure = Assert.Single(bundle.GetProperty("disclosures").EnumerateArray());
        Assert.Equal("demo-partner", disclosure.GetProperty("partnerId").GetString());
        Assert.Equal(["email", "name"], disclosure.GetProperty("fieldNames").EnumerateArray().Select(field => field.GetString()));
        Assert.Equal(Assert.Single(receiver.Received).WebhookId, disclosure.GetProperty("deliveryId").GetString());
        var proof = Assert.Single(disclosure.GetProperty("consents").EnumerateArray());
        Assert.Equal("demo-partner-sharing", proof.GetProperty("labelId").GetString());
        Assert.Equal(entry.GetProperty("receiptId").GetString(), proof.GetProperty("receiptId").GetString());
    }

    [Fact]
    public async Task Every_access_is_audited_with_who_what_and_how_many_but_not_the_person()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email));
        var admin = Guid.NewGuid().ToString();

        await app.AccessAsync(email, new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL-ID"] = admin });
        await app.AccessAsync(RegistrationForms.NewEmail(), new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL-ID"] = "not a principal id" });

        var records = await app.Tables.Audit.RowsAsync();
        Assert.Equal(2, records.Count);
        var first = Assert.Single(records, record => record.GetString(nameof(AuditEntity.Actor)) == admin);
        Assert.Equal("subject-access", first.GetString(nameof(AuditEntity.Action)));
        Assert.Equal(4, first.GetInt32(nameof(AuditEntity.Count)));
        Assert.Equal(app.Time.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), first.PartitionKey);
        Assert.Single(records, record => record.GetString(nameof(AuditEntity.Actor)) == "function-key" && record.GetInt32(nameof(AuditEntity.Count)) == 0);
        Assert.All(records, record =>
        {
            Assert.False(record.Mentions(email));
            Assert.False(record.Mentions(app.SubjectOf(email).Value));
        });
    }

    [Fact]
    public async Task A_person_with_nothing_stored_gets_an_empty_bundle_and_bad_input_a_problem()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var empty = await app.AccessAsync(RegistrationForms.NewEmail());
        var invalid = await app.AccessAsync("not-an-email");

        Assert.Equal(200, empty.Status);
        Assert.False(empty.Json.TryGetProperty("registration", out _));
        Assert.Empty(empty.Json.GetProperty("consents").EnumerateArray());
        Assert.Equal(400, invalid.Status);
        Assert.True(invalid.IsProblem);
        Assert.Equal(["email"], invalid.ErrorFields);
    }
}
