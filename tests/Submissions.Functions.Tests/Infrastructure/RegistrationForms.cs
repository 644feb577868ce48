using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Domain.Privacy;
using Submissions.Functions.Http;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Registration bodies that answer the seeded demo labels, and helpers to post them and read what was stored.</summary>
public static class RegistrationForms
{
    public static string NewEmail() => $"member.{Guid.NewGuid():N}@example.test";

    public static object[] Consents(bool offers = false, bool demographics = false, bool terms = true) =>
    [
        new { labelId = "terms", version = 1, granted = terms },
        new { labelId = "special-offers", version = 1, granted = offers },
        new { labelId = "demographics", version = 1, granted = demographics },
    ];

    public static object Body(string email, string displayName = "Ada Lovelace", object? profile = null, object[]? consents = null) =>
        new { email, displayName, profile, consents = consents ?? Consents() };

    /// <summary>
    /// Posts a registration and, unless <paramref name="confirm"/> is false, confirms it as its owner would: most tests
    /// are about a registration that took effect. The answer is the POST's.
    /// </summary>
    public static async Task<TestResponse> PostAsync(this TestApp app, object body, IDictionary<string, string>? headers = null, bool confirm = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.PostJson("/api/registrations", body, headers);
        app.RecordSubmitted(body);
        var response = await app.Function<RegistrationFunctions>().SubmitAsync(request, CancellationToken.None).ExecuteAsync(request);
        if (confirm && response.Status == 201)
        {
            var email = System.Text.Json.JsonSerializer.SerializeToElement(body, HttpExchange.JsonOptions).GetProperty("email").GetString()!;
            await app.ConfirmAnsweredAsync(response, app.Tables.Subjects, app.SubjectOf(email).Value);
        }

        return response;
    }

    public static Task<TestResponse> PostRawAsync(this TestApp app, string? body, string? contentType = "application/json", IDictionary<string, string>? headers = null, bool declareLength = true) =>
        app.PostBytesAsync(body is null ? [] : Encoding.UTF8.GetBytes(body), contentType, headers, declareLength);

    public static async Task<TestResponse> PostBytesAsync(this TestApp app, byte[] body, string? contentType = "application/json", IDictionary<string, string>? headers = null, bool declareLength = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("POST", "/api/registrations", body, contentType, headers: headers, declareLength: declareLength);
        return await app.Function<RegistrationFunctions>().SubmitAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    public static SubjectKey SubjectOf(this TestApp app, string email) =>
        app.Services.GetRequiredService<SubjectKeyHasher>().For(email);

    /// <summary>Every row of the person's partition, for asserting what storage holds.</summary>
    public static async Task<List<TableEntity>> RowsOfAsync(this TestApp app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        var subject = app.SubjectOf(email).Value;
        var rows = new List<TableEntity>();
        await foreach (var row in app.Tables.Subjects.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {subject}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static async Task<int> CountAllSubjectRowsAsync(this TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var count = 0;
        await foreach (var _ in app.Tables.Subjects.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
