using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Comments;

namespace Submissions.Functions.Tests.Exports;

/// <summary>The range is [from, to): a record exactly at from is in, one exactly at to is out.</summary>
public sealed class ExportRangeTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    public async Task A_registration_exactly_at_from_is_in_and_exactly_at_to_is_out(string format)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var at = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
        app.Time.SetUtcNow(at.AddHours(-1));
        var before = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(before));
        app.Time.SetUtcNow(at);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email));
        var registeredAt = (await app.RowsOfAsync(email)).Single(row => row.RowKey == "member").GetDateTimeOffset("RegisteredAt")!.Value;

        var from = await app.ExportAsync("registrations", format, registeredAt, registeredAt.AddDays(1));
        var to = await app.ExportAsync("registrations", format, registeredAt.AddDays(-1), registeredAt);

        Assert.Equal([email], from.Rows(format).Select(row => row["email"]));
        Assert.Equal([before], to.Rows(format).Select(row => row["email"]));
    }

    [Fact]
    public async Task A_comment_exactly_at_from_is_in_and_exactly_at_to_is_out_whatever_the_offset_the_range_is_given_in()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(pageId, "At the edge."))).Status);
        var createdAt = Assert.Single(await app.Tables.Comments.QueryAsync<CommentEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {pageId} and RowKey ge {"comment~"} and RowKey lt {"comment~~"}"),
            cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).CreatedAt;
        var helsinki = TimeSpan.FromHours(2);

        var from = await app.ExportAsync("comments", "csv", createdAt.ToOffset(helsinki), createdAt.AddHours(1));
        var to = await app.ExportAsync("comments", "csv", createdAt.AddHours(-1), createdAt.ToOffset(helsinki));

        Assert.Equal(["At the edge."], from.Rows("csv").Select(row => row["text"]));
        Assert.Empty(to.Rows("csv"));
    }

    [Fact]
    public async Task An_unencoded_plus_in_the_offset_is_read_as_a_plus()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        // "+02:00" sent without percent-encoding arrives as " 02:00".
        var response = await app.ExportRawAsync("comments", "?from=2026-11-24T00:00:00+02:00&to=2026-11-25T00:00:00+02:00&format=csv");

        Assert.Equal(200, response.Status);
        Assert.Contains("filename=\"comments_20261124-20261125.csv\"", response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
    }
}
