using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Exports;

/// <summary>Every kind in every format: the rows a person with one of everything produces, and the response headers.</summary>
public sealed class ExportKindTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Formats { get; } = ["ndjson", "csv"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Each_kind_exports_its_rows_with_its_columns(string format)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);

        var registrations = await ExportAsync(app, "registrations", format);
        var member = Assert.Single(registrations);
        Assert.Equal(person.Email, member["email"]);
        Assert.Equal("Erin Example", member["displayName"]);
        Assert.Equal("FI", member["country"]);
        Assert.Equal("1", member["registrationCount"]);
        Assert.Equal(("granted", "granted", "granted"), (member["consent.terms"], member["consent.special-offers"], member["consent.demographics"]));

        var comments = await ExportAsync(app, "comments", format);
        Assert.Equal(person.PageIds.Order(), comments.Select(comment => comment["pageId"]).Order());
        Assert.All(comments, comment =>
        {
            Assert.Equal("Text written by the person.", comment["text"]);
            Assert.Equal("pending", comment["status"]);
            Assert.Equal("true", comment["nameShown"]);
            Assert.False(comment.ContainsKey("email"));
        });

        // Voting with a token and an email stores two voter rows for one vote: one line.
        var vote = Assert.Single(await ExportAsync(app, "votes", format));
        Assert.Equal((person.PollId, "green", "token"), (vote["pollId"], vote["optionId"], vote["votedWith"]));

        var entry = Assert.Single(await ExportAsync(app, "promotion-entries", format));
        Assert.Equal((PromotionForms.DemoPromotion, person.Email, "Erin Example"), (entry["promotionId"], entry["email"], entry["name"]));
        Assert.Equal(SubjectForms.EntryAnswer, entry["fields.answer"]);
        Assert.Equal((string.Empty, "granted", "granted"), (entry["otherFields"], entry["sharingAtEntry"], entry["sharingNow"]));

        // Registration 3 answers, each comment 2, the vote 1, the entry 2.
        var consents = await ExportAsync(app, "consents", format);
        Assert.Equal(10, consents.Count);
        Assert.Equal(
            ["page", "page", "page", "page", "poll", "promotion", "promotion", "subject", "subject", "subject"],
            consents.Select(consent => consent["source"]).Order(StringComparer.Ordinal));
        Assert.All(consents.Where(consent => consent["source"] == "subject"), consent => Assert.Equal(string.Empty, consent["sourceId"]));
        Assert.Contains(consents, consent => consent["labelId"] == "demo-partner-sharing" && consent["granted"] == "true" && consent["version"] == "1");

        var disclosure = Assert.Single(await ExportAsync(app, "disclosures", format));
        Assert.Equal(("demo-partner", PromotionForms.DemoPromotion, "email,name"), (disclosure["partnerId"], disclosure["promotionId"], disclosure["fieldNames"]));
        Assert.Equal(Assert.Single(receiver.Received).WebhookId, disclosure["deliveryId"]);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task The_response_is_an_uncached_attachment_named_by_kind_and_range(string format)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.ExportRawAsync("comments", ExportCalls.Query(
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.FromHours(2)), format));

        Assert.Equal(200, response.Status);
        Assert.Equal(format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8", response.ContentType);
        Assert.Equal($"attachment; filename=\"comments_20260101-20260201.{format}\"", response.Headers.ContentDisposition.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());

        // No rows: a CSV is still its header, an NDJSON file is empty.
        Assert.Equal(format == "csv" ? "commentId,pageId,createdAt,status,moderatedAt,displayName,nameShown,text,receiptId\r\n" : string.Empty, response.Body);
    }

    [Fact]
    public async Task Format_defaults_to_ndjson()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()));

        var response = await app.ExportRawAsync("registrations", ExportCalls.Query(ExportCalls.DayStart, ExportCalls.DayStart.AddDays(1)));

        Assert.Equal("application/x-ndjson; charset=utf-8", response.ContentType);
        Assert.Single(response.Rows("ndjson"));
    }

    private static async Task<List<Dictionary<string, string>>> ExportAsync(TestApp app, string kind, string format)
    {
        var response = await app.ExportAsync(kind, format);
        Assert.Equal(200, response.Status);
        return response.Rows(format);
    }
}
