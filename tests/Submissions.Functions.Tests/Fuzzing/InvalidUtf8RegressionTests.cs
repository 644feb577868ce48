using System.Text;
using System.Text.Json;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// Regression found by the fuzzer: the JSON reader checks UTF-8 only where it decodes, so a stray byte in the name of a
/// property it skips (an unknown one, or an optional one misspelt by the byte) let a body that is not UTF-8 be stored.
/// </summary>
public sealed class InvalidUtf8RegressionTests(AzuriteFixture azurite)
{
    public static TheoryData<FuzzEndpoint, string> Cases { get; } = new()
    {
        { FuzzEndpoint.Registrations, "name" },
        { FuzzEndpoint.Registrations, "value" },
        { FuzzEndpoint.Comments, "name" },
        { FuzzEndpoint.Votes, "name" },
        { FuzzEndpoint.PromotionEntries, "value" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_that_is_not_UTF8_is_400_even_where_the_reader_skips(FuzzEndpoint form, string where)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var valid = JsonSerializer.Serialize(ValidBody(form), HttpExchange.JsonOptions);

        // {"prof\xBF":1, ...} or {"extra":"\xBF", ...}: an unknown property, before the form's own.
        byte[] extra = where == "name" ? [.. "{\"prof"u8, 0xBF, .. "\":1,"u8] : [.. "{\"extra\":\""u8, 0xBF, .. "\","u8];
        var body = new FuzzCase(
            form, "regression", "none", form == FuzzEndpoint.Votes ? "demo-poll" : PromotionForms.DemoPromotion, null,
            [.. extra, .. Encoding.UTF8.GetBytes(valid[1..])], "application/json", new Dictionary<string, string[]>(), null, [], MustRefuse: true);
        var request = FuzzTarget.RequestFor(body);
        var writes = app.Requests.Writes;

        var response = await FuzzTarget.Invoke(app, body, request).ExecuteAsync(request);

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal(writes, app.Requests.Writes);
    }

    private static object ValidBody(FuzzEndpoint form) => form switch
    {
        FuzzEndpoint.Registrations => RegistrationForms.Body(RegistrationForms.NewEmail()),
        FuzzEndpoint.Comments => CommentForms.Body(CommentForms.NewPageId()),
        FuzzEndpoint.Votes => PollForms.Vote("privacy", PollForms.NewVoterToken()),
        _ => PromotionForms.Entry(RegistrationForms.NewEmail(), share: false),
    };
}
