using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Audit;

namespace Submissions.Functions.Tests.Exports;

/// <summary>Bad kind, dates, range or format: a 400 problem naming the field, and nothing read or audited.</summary>
public sealed class ExportValidationTests(AzuriteFixture azurite)
{
    private const string Range = "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";

    public static TheoryData<string, string, string> BadRequests { get; } = new()
    {
        { "everything", "?" + Range, "kind" },
        { "comments", "?to=2026-02-01T00:00:00Z", "from" },
        { "comments", "?from=yesterday&to=2026-02-01T00:00:00Z", "from" },
        { "comments", "?from=2026-01-01&to=2026-02-01T00:00:00Z", "from" },
        { "comments", "?from=2026-01-01T00:00:00&to=2026-02-01T00:00:00Z", "from" },
        { "comments", "?from=2026-13-01T00:00:00Z&to=2026-02-01T00:00:00Z", "from" },
        { "comments", "?from=2026-01-01T00:00:00Z", "to" },
        { "comments", "?from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z", "to" },
        { "comments", "?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z", "to" },
        { "comments", "?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z", "to" },
        { "comments", "?" + Range + "&format=xlsx", "format" },
        { "comments", "?" + Range + "&format=CSV", "format" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_is_a_400_naming_the_field(string kind, string query, string field)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.ExportRawAsync(kind, query);

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal([field], response.ErrorFields);
        Assert.DoesNotContain("xlsx", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("everything", response.Body, StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<AuditLog>().ReadMonthAsync("2026-11", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_longest_range_is_configured_and_a_range_of_exactly_that_length_is_allowed()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Exports:MaxRangeDays"] = "7" });

        var sevenDays = await app.ExportRawAsync("votes", "?from=2026-01-01T00:00:00Z&to=2026-01-08T00:00:00Z");
        var longer = await app.ExportRawAsync("votes", "?from=2026-01-01T00:00:00Z&to=2026-01-08T00:00:01Z");

        Assert.Equal(200, sevenDays.Status);
        Assert.Equal(400, longer.Status);
        Assert.Equal(["to"], longer.ErrorFields);
    }

    [Fact]
    public async Task Several_problems_are_reported_together()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await app.ExportRawAsync("nope", "?from=x&format=pdf");

        Assert.Equal(["format", "from", "kind", "to"], response.ErrorFields);
    }
}
