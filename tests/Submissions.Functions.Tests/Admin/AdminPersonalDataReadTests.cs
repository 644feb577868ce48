using Submissions.Functions.Tests.Exports;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Tests.Statistics;

namespace Submissions.Functions.Tests.Admin;

/// <summary>
/// Every admin read of personal data is itself on record: an admin route either answers without any of the person's
/// values, or has written an audit record by the time it answers.
/// </summary>
public sealed class AdminPersonalDataReadTests(AzuriteFixture azurite)
{
    private static readonly string[] ExportKinds = ["registrations", "comments", "votes", "promotion-entries", "consents", "disclosures"];

    [Fact]
    public async Task Approving_or_rejecting_a_comment_answers_the_decision_only()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        var posted = await app.PostCommentAsync(CommentForms.Body(pageId, "Words only the moderator list may show.", "Moderated Person", RegistrationForms.NewEmail()));
        var id = posted.Json.GetProperty("id").GetString()!;

        foreach (var approve in new[] { true, false, false })
        {
            var response = await app.ModerateAsync(id, approve);

            Assert.Equal(200, response.Status);
            Assert.Equal(["id", "moderatedAt", "pageId", "status"], response.Json.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
            Assert.Equal(id, response.Json.GetProperty("id").GetString());
            Assert.Equal(pageId, response.Json.GetProperty("pageId").GetString());
            Assert.Equal(approve ? "approved" : "rejected", response.Json.GetProperty("status").GetString());
            Assert.DoesNotContain("Moderated Person", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Words only", response.Body, StringComparison.Ordinal);
        }

        // Nothing personal was read, so nothing was audited; the list that shows the text is.
        Assert.Empty(await app.Tables.Audit.RowsAsync());
    }

    [Fact]
    public async Task Every_admin_route_that_answers_with_personal_data_has_audited_the_read()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);
        string[] values = [person.Email, "Erin Example", "Text written by the person.", SubjectForms.EntryAnswer, person.VoterToken];
        var commentId = (await app.ModerationQueueAsync()).Json.GetProperty("comments")[0].GetProperty("id").GetString()!;
        var jobId = ExportJobCalls.JobIdOf(await app.QueueExportAsync("comments", "ndjson"));
        await app.RunExportJobsAsync();

        List<(string Route, Func<Task<TestResponse>> Call)> calls =
        [
            ("moderation list", () => app.ModerationQueueAsync()),
            ("approve", () => app.ModerateAsync(commentId, approve: true)),
            ("reject", () => app.ModerateAsync(commentId, approve: false)),
            ("failed deliveries", app.ListFailedDeliveriesAsync),
            ("statistics", () => app.StatsAsync("from=2026-11-23&to=2026-11-24")),
            .. ExportKinds.Select<string, (string, Func<Task<TestResponse>>)>(kind => ($"export {kind}", () => app.ExportAsync(kind, "ndjson"))),
            ("export job status", () => app.ExportJobAsync(jobId)),
            ("export job file", () => app.ExportJobFileAsync(jobId)),
            ("subject access", () => app.AccessAsync(person.Email)),
            ("subject withdrawal", () => app.WithdrawAsync(person.Email)),
            ("subject erasure", () => app.EraseAsync(person.Email)),
        ];

        var unaudited = new List<string>();
        foreach (var (route, call) in calls)
        {
            var before = (await app.Tables.Audit.RowsAsync()).Count;
            var response = await call();
            Assert.True(response.Status is 200, $"{route}: {response.Status} {response.Body}");
            var shown = values.Where(value => response.Body.Contains(value, StringComparison.OrdinalIgnoreCase)).ToList();
            if (shown.Count > 0 && (await app.Tables.Audit.RowsAsync()).Count == before)
            {
                unaudited.Add($"{route} showed {string.Join(", ", shown)}");
            }
        }

        Assert.Empty(unaudited);
    }
}
