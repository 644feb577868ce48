using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// The rules every public form shares, run against all four: wrong media type, oversized, malformed JSON, wrong types,
/// honeypot, an unknown consent label, a reused Idempotency-Key. Each is a problem+json answer and stores nothing.
/// </summary>
public sealed class EveryFormRejectionTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Forms { get; } = ["registration", "comment", "poll", "promotion"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Each_class_of_bad_input_is_refused_and_nothing_is_stored(string form)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var valid = JsonSerializer.Serialize(ValidBody(form), HttpExchange.JsonOptions);
        var before = await CountRowsAsync(app);

        Assert.Equal(415, (await PostAsync(app, form, valid, "text/plain")).Status);
        Assert.Equal(413, (await PostAsync(app, form, valid[..^1] + $",\"pad\":\"{new string('x', 20_000)}\"}}")).Status);
        Assert.Equal(400, (await PostAsync(app, form, valid[..^5])).Status);
        Assert.Equal(400, (await PostAsync(app, form, """{"consents": "all of them"}""")).Status);
        Assert.Equal(400, (await PostAsync(app, form, valid[..^1] + ",\"website\":\"http://spam.example\"}")).Status);

        var unknownLabel = await PostAsync(app, form, JsonSerializer.Serialize(WithExtraAnswer(ValidBody(form)), HttpExchange.JsonOptions));
        Assert.Equal(400, unknownLabel.Status);
        Assert.Single(unknownLabel.ErrorFields, field => field.EndsWith("].labelId", StringComparison.Ordinal));

        Assert.Equal(before, await CountRowsAsync(app));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_key_reused_with_a_different_body_is_422(string form)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var body = ValidBody(form);

        var json = JsonSerializer.Serialize(body, HttpExchange.JsonOptions);

        var first = await PostAsync(app, form, json, headers: headers);
        var changed = await PostAsync(app, form, "{\"unusedExtra\":1," + json[1..], headers: headers);

        Assert.Equal(201, first.Status);
        Assert.Equal(422, changed.Status);
        Assert.True(changed.IsProblem);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task An_unknown_or_retired_version_of_the_form_s_terms_is_refused_by_name(string form)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var terms = TermsLabel(form);
        var unknownVersion = ValidBody(form);
        unknownVersion["consents"] = ((object[])unknownVersion["consents"]!).Select(answer =>
            JsonSerializer.SerializeToElement(answer, HttpExchange.JsonOptions).GetProperty("labelId").GetString() == terms
                ? new { labelId = terms, version = 99, granted = true }
                : answer).ToArray();

        var unknown = await PostAsync(app, form, JsonSerializer.Serialize(unknownVersion, HttpExchange.JsonOptions));
        var current = (await new ConsentLabelAdmin(app).GetForFormAsync(form)).Json.GetProperty("labels").EnumerateArray()
            .Single(label => label.GetProperty("labelId").GetString() == terms);
        await new ConsentLabelAdmin(app).PutAsync(terms, "Revised terms for this form.", required: true, forms: [form], fields: ["email"]);
        app.Time.Advance(TimeSpan.FromSeconds(900)); // Past the retired version's grace (ConsentCatalog:RetiredVersionGraceSeconds).
        var retired = await PostAsync(app, form, JsonSerializer.Serialize(ValidBody(form), HttpExchange.JsonOptions));

        Assert.Equal([$"consents[{terms}]"], unknown.ErrorFields);
        Assert.Contains("no version 99", unknown.ErrorsText, StringComparison.Ordinal);
        Assert.Equal(1, current.GetProperty("version").GetInt32());
        Assert.Equal([$"consents[{terms}]"], retired.ErrorFields);
        Assert.Contains("is retired", retired.ErrorsText, StringComparison.Ordinal);
    }

    private static string TermsLabel(string form) => form switch
    {
        "registration" => "terms",
        "comment" => "comment-terms",
        "poll" => "poll-terms",
        _ => "promotion-terms",
    };

    /// <summary>A valid body for the form: one email for everything, so a second post with another body meets the same key's partition.</summary>
    private static Dictionary<string, object?> ValidBody(string form)
    {
        const string email = "same.person@example.test";
        return form switch
        {
            "registration" => new() { ["email"] = email, ["displayName"] = "Form Tester", ["consents"] = RegistrationForms.Consents() },
            "comment" => new() { ["pageId"] = "shared-page", ["displayName"] = "Form Tester", ["text"] = "Hello there.", ["consents"] = CommentForms.Consents() },
            "poll" => new() { ["optionId"] = "privacy", ["voterToken"] = "0123456789abcdef0123", ["consents"] = PollForms.Consents() },
            _ => new() { ["email"] = email, ["name"] = "Form Tester", ["fields"] = new { answer = "Blue" }, ["consents"] = PromotionForms.Consents(share: false) },
        };
    }

    private static Dictionary<string, object?> WithExtraAnswer(Dictionary<string, object?> body)
    {
        body["consents"] = ((object[])body["consents"]!).Append(new { labelId = "no-such-label", version = 1, granted = true }).ToArray();
        return body;
    }

    private static async Task<TestResponse> PostAsync(TestApp app, string form, string body, string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var (path, call) = form switch
        {
            "registration" => ("/api/registrations", (Func<Microsoft.AspNetCore.Http.HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>>)(r => app.Function<RegistrationFunctions>().SubmitAsync(r, CancellationToken.None))),
            "comment" => ("/api/comments", r => app.Function<CommentFunctions>().SubmitAsync(r, CancellationToken.None)),
            "poll" => ("/api/polls/demo-poll/votes", r => app.Function<PollFunctions>().VoteAsync(r, "demo-poll", CancellationToken.None)),
            _ => ("/api/promotions/demo-promotion/entries", r => app.Function<PromotionFunctions>().EnterAsync(r, "demo-promotion", CancellationToken.None)),
        };
        var request = HttpExchange.Request("POST", path, body, contentType, headers: headers);
        return await call(request).ExecuteAsync(request);
    }

    private static async Task<int> CountRowsAsync(TestApp app)
    {
        var count = 0;
        foreach (var table in app.Tables.All)
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: TestContext.Current.CancellationToken))
            {
                count++;
            }
        }

        return count;
    }
}
