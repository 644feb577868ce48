using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Audit;

namespace Submissions.Functions.Tests.Exports;

/// <summary>Every export is on record before its first byte and again, with its row count, after its last row.</summary>
public sealed class ExportAuditTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_export_is_audited_before_and_after_with_who_what_range_and_count()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        await app.PostCommentAsync(CommentForms.Body(pageId, "One."));
        await app.PostCommentAsync(CommentForms.Body(pageId, "Two."));
        var principal = Guid.NewGuid().ToString();
        var request = ExportCalls.Request("comments", ExportCalls.Query(ExportCalls.DayStart, ExportCalls.DayStart.AddDays(1), "csv"));
        request.Headers["X-MS-CLIENT-PRINCIPAL-ID"] = principal;

        var response = await app.Function<Functions.Http.ExportFunctions>().ExportAsync(request, "comments", TestContext.Current.CancellationToken).ExecuteAsync(request);

        Assert.Equal(200, response.Status);
        var audit = (await app.Services.GetRequiredService<AuditLog>().ReadMonthAsync("2026-11", TestContext.Current.CancellationToken)).OrderBy(record => record.At).ToList();
        Assert.Equal(["export", "export-completed"], audit.Select(record => record.Action));
        Assert.Equal([0, 2], audit.Select(record => record.Count));
        Assert.All(audit, record =>
        {
            Assert.Equal(principal, record.Actor);
            Assert.Equal("kind=comments;from=2026-11-24T00:00:00.0000000+00:00;to=2026-11-25T00:00:00.0000000+00:00;format=csv", record.Scope);
            Assert.Null(record.SubjectReference);
        });
    }

    [Fact]
    public async Task When_the_audit_record_cannot_be_written_the_export_is_a_503_and_nothing_is_sent()
    {
        await using var app = await TestApp.StartAsync(azurite.RefusingConnectionString(), initializeStorage: false);

        var response = await app.ExportAsync("registrations", "csv");

        Assert.Equal(503, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
        Assert.Empty(response.Headers.ContentDisposition.ToString());
    }
}
