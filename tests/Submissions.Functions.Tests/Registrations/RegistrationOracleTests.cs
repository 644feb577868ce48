using System.Text.Json;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Registrations;

/// <summary>
/// Issue 14, defect 5: a registration's answer must not tell a stranger whether the email is already registered, nor
/// when it first registered (the first answer's UUIDv7 id carried that time).
/// </summary>
public sealed class RegistrationOracleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Registering_a_known_email_answers_exactly_like_registering_a_new_one()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var known = RegistrationForms.NewEmail();
        var first = await app.PostAsync(RegistrationForms.Body(known, "Known Person"));
        Assert.Equal(201, first.Status);
        app.Time.Advance(TimeSpan.FromDays(3));

        var beforeProbes = DateTimeOffset.UtcNow.AddSeconds(-1);
        var unknown = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail(), "Stranger Probe"));
        var again = await app.PostAsync(RegistrationForms.Body(known, "Stranger Probe"));

        Assert.Equal(unknown.Status, again.Status);
        Assert.Equal(unknown.ContentType, again.ContentType);
        Assert.Equal(HeadersOf(unknown), HeadersOf(again));
        Assert.Equal(ShapeOf(unknown.Json), ShapeOf(again.Json));
        Assert.Equal(ConsentsOf(unknown.Json), ConsentsOf(again.Json));

        // A fresh id each time: nothing of the first registration, and only this moment's time in the UUIDv7.
        var againId = again.Json.GetProperty("id").GetString()!;
        Assert.NotEqual(first.Json.GetProperty("id").GetString(), againId);
        Assert.NotEqual(unknown.Json.GetProperty("id").GetString(), againId);
        Assert.True(UuidV7Time(againId) >= beforeProbes, "The re-registration's id carries the first registration's time.");
        Assert.Equal(
            unknown.Json.GetProperty("receipt").GetProperty("recordedAt").GetDateTimeOffset().Date,
            again.Json.GetProperty("receipt").GetProperty("recordedAt").GetDateTimeOffset().Date);

        // The member is still one member, under its first id.
        var member = Assert.Single(await app.RowsOfAsync(known), row => row.RowKey == "member");
        Assert.Equal(first.Json.GetProperty("id").GetString(), member.GetString("MemberId"));
    }

    private static string HeadersOf(TestResponse response) =>
        string.Join('\n', response.Headers.OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase).Select(header => $"{header.Key}: {header.Value}"));

    private static string ConsentsOf(JsonElement body) => body.GetProperty("receipt").GetProperty("consents").GetRawText();

    /// <summary>Property names and value kinds, recursively: what a response shows beyond its values.</summary>
    private static string ShapeOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(',', element.EnumerateObject().Select(property => property.Name + ":" + ShapeOf(property.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(',', element.EnumerateArray().Select(ShapeOf)) + "]",
        JsonValueKind.String => "string" + element.GetString()!.Length,
        _ => element.ValueKind.ToString(),
    };

    private static DateTimeOffset UuidV7Time(string id)
    {
        var milliseconds = Convert.ToInt64(id[..12], 16);
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
