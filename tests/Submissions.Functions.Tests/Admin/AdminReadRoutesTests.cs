using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Tests.Retention;
using Submissions.Storage;
using Submissions.Storage.Audit;
using Submissions.Storage.Partners;
using Submissions.Storage.Retention;

namespace Submissions.Functions.Tests.Admin;

/// <summary>
/// Issue 19, item 6: what admins could only write they can now read, paged — labels with every version, partners with
/// their health (never a secret), promotions and polls as saved, the audit log and the purge reports by date range.
/// </summary>
public sealed class AdminReadRoutesTests(AzuriteFixture azurite)
{
    private static readonly string[] Paging = ["paging"];
    private static readonly string[] EmailOnly = ["email"];

    [Fact]
    public async Task Consent_labels_are_listed_in_id_order_with_every_version_and_read_by_id()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var labels = new ConsentLabelAdmin(app);
        Assert.Equal(201, (await labels.PutAsync("zz-newsletter", "Send me the newsletter.")).Status);
        Assert.Equal(201, (await labels.PutAsync("zz-newsletter", "Send me the weekly newsletter.")).Status);

        var listed = await AdminReadDriver.AllPagesAsync(app.ListConsentLabelsAsync, "labels", pageSize: 2);

        var ids = listed.Select(label => label.GetProperty("labelId").GetString()!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("demo-partner-sharing", ids);
        var newsletter = Assert.Single(listed, label => label.GetProperty("labelId").GetString() == "zz-newsletter");
        Assert.Equal(
            [(1, "Send me the newsletter.", "retired"), (2, "Send me the weekly newsletter.", "active")],
            newsletter.GetProperty("versions").EnumerateArray()
                .Select(version => (version.GetProperty("version").GetInt32(), version.GetProperty("text").GetString(), version.GetProperty("status").GetString())));

        var read = await app.GetConsentLabelAsync("zz-newsletter");
        Assert.Equal(200, read.Status);
        Assert.Equal(newsletter.GetRawText(), read.Json.GetRawText());
        Assert.Equal(404, (await app.GetConsentLabelAsync("no-such-label")).Status);
        Assert.Equal(400, (await app.GetConsentLabelAsync("Not An Id")).Status);
    }

    [Fact]
    public async Task Partners_are_listed_with_their_health_and_how_many_secrets_are_set_never_a_secret()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        foreach (var id in new[] { "p-alpha", "p-beta", "p-gamma" })
        {
            Assert.Equal(201, (await app.PutPartnerAsync(id, new { name = "Partner " + id, webhookUrl = "https://example.test/" + id, fields = EmailOnly, active = true })).Status);
        }

        var pausedAt = app.Time.GetUtcNow();
        await app.Services.GetRequiredService<PartnerStore>().ChangeHealthAsync(
            "p-beta", _ => new PartnerHealth(10, pausedAt.AddHours(-13), pausedAt, pausedAt), TestContext.Current.CancellationToken);

        var listed = await AdminReadDriver.AllPagesAsync(app.ListPartnersAsync, "partners", pageSize: 2);

        Assert.Equal(["demo-partner", "p-alpha", "p-beta", "p-gamma"], listed.Select(partner => partner.GetProperty("partnerId").GetString()));
        var beta = listed[2];
        Assert.Equal(("paused", 10), (beta.GetProperty("health").GetProperty("state").GetString(), beta.GetProperty("health").GetProperty("failures").GetInt32()));
        Assert.Equal("healthy", listed[1].GetProperty("health").GetProperty("state").GetString());
        Assert.Equal([1, 0, 0, 0], listed.Select(partner => partner.GetProperty("signingSecrets").GetInt32()));
        Assert.Equal(["email"], beta.GetProperty("fields").EnumerateArray().Select(field => field.GetString()));

        var read = await app.GetPartnerAsync("p-beta");
        Assert.Equal(beta.GetRawText(), read.Json.GetRawText());
        var demo = await app.GetPartnerAsync("demo-partner");
        var secret = app.SigningSecret();
        Assert.DoesNotContain(secret["whsec_".Length..], demo.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", string.Join('\n', listed.Select(partner => partner.GetRawText())), StringComparison.Ordinal);
        Assert.Equal(404, (await app.GetPartnerAsync("nobody")).Status);
        Assert.Equal(400, (await app.GetPartnerAsync("Not An Id")).Status);
    }

    [Fact]
    public async Task Promotions_and_polls_are_listed_as_saved_whatever_entries_and_votes_share_their_tables()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var saved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in new[] { "promo-a", "promo-b" })
        {
            var put = await app.PutPromotionAsync(id, PromotionForms.Promotion());
            Assert.Equal(201, put.Status);
            saved[id] = put.Json.GetRawText();
        }

        var entry = await app.EnterAsync("promo-a", PromotionForms.Entry("entrant.one@example.test", share: true));
        Assert.True(entry.Status == 201, entry.Body);
        var pollA = await app.CreatePollAsync();
        var pollB = await app.CreatePollAsync();
        Assert.Equal(201, (await app.VoteAsync(pollA, PollForms.Vote("red", PollForms.NewVoterToken()))).Status);

        var promotions = await AdminReadDriver.AllPagesAsync(app.ListPromotionsAsync, "promotions", pageSize: 1);
        var polls = await AdminReadDriver.AllPagesAsync(app.ListPollsAsync, "polls", pageSize: 2);

        Assert.Equal(["demo-promotion", "promo-a", "promo-b"], promotions.Select(promotion => promotion.GetProperty("promotionId").GetString()));
        Assert.Equal(saved["promo-a"], promotions[1].GetRawText());
        Assert.Equal(saved["promo-b"], (await app.GetPromotionDefinitionAsync("promo-b")).Json.GetRawText());
        Assert.Equal(new[] { "demo-poll", pollA, pollB }.Order(StringComparer.Ordinal), polls.Select(poll => poll.GetProperty("pollId").GetString()));
        var readPoll = await app.GetPollDefinitionAsync(pollA);
        Assert.Equal(polls.Single(poll => poll.GetProperty("pollId").GetString() == pollA).GetRawText(), readPoll.Json.GetRawText());
        Assert.Equal(["red", "green", "blue"], readPoll.Json.GetProperty("options").EnumerateArray().Select(option => option.GetProperty("optionId").GetString()));
        Assert.Equal(404, (await app.GetPromotionDefinitionAsync("no-promotion")).Status);
        Assert.Equal(404, (await app.GetPollDefinitionAsync("no-poll")).Status);
    }

    [Fact]
    public async Task The_audit_log_is_read_newest_first_across_months_within_the_range_and_the_read_is_itself_audited()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var log = app.Services.GetRequiredService<AuditLog>();
        DateTimeOffset[] times =
        [
            new(2026, 9, 30, 23, 59, 59, TimeSpan.Zero), // before the range
            new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
            new(2026, 10, 31, 23, 59, 59, 999, TimeSpan.Zero),
            new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            new(2026, 11, 20, 8, 30, 0, TimeSpan.Zero),
            new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), // at its end: excluded
        ];
        foreach (var (at, index) in times.Select((at, index) => (at, index)))
        {
            await log.AppendAsync(new AuditRecord("admin-" + index, "export", "kind=registrations", null, index, at), TestContext.Current.CancellationToken);
        }

        var records = await AdminReadDriver.AllPagesAsync(app.ListAuditAsync, "records", pageSize: 2, query: "from=2026-10-01&to=2026-11-25");

        Assert.Equal(["admin-4", "admin-3", "admin-2", "admin-1"], records.Select(record => record.GetProperty("actor").GetString()));
        Assert.Equal(times[4], records[0].GetProperty("at").GetDateTimeOffset());

        // Each page read was recorded before it was returned: the next read starts with those records.
        var again = await app.ListAuditAsync("from=2026-11-24&to=2026-11-25");
        var reads = again.Json.GetProperty("records").EnumerateArray().Where(record => record.GetProperty("action").GetString() == "audit-read").ToList();
        Assert.True(reads.Count >= 2, again.Body);
        Assert.All(reads, read => Assert.Equal("from=2026-10-01;to=2026-11-25", read.GetProperty("scope").GetString()));
        Assert.Equal(4, reads.Sum(read => read.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task The_purge_reports_are_read_by_range_with_the_runs_of_the_retention_purge()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var reports = app.Services.GetRequiredService<PurgeReportStore>();
        var october = new DateTimeOffset(2026, 10, 3, 3, 0, 0, TimeSpan.Zero);
        await reports.RecordAsync(PurgeKinds.UnmoderatedComments, 7, october.AddDays(-90), october, "run-october", TestContext.Current.CancellationToken);
        var run = await app.PurgeAsync();

        var listed = await AdminReadDriver.AllPagesAsync(app.ListPurgeReportsAsync, "reports", pageSize: 3, query: "from=2026-10-01&to=2026-11-25");

        Assert.Equal("run-october", listed[^1].GetProperty("runId").GetString());
        Assert.Equal((PurgeKinds.UnmoderatedComments, 7), (listed[^1].GetProperty("kind").GetString(), listed[^1].GetProperty("count").GetInt32()));
        var latest = listed.SkipLast(1).ToList();
        Assert.NotEmpty(latest);
        Assert.All(latest, report => Assert.NotEqual("run-october", report.GetProperty("runId").GetString()));
        Assert.Single(latest.Select(report => report.GetProperty("runId").GetString()).Distinct());
        Assert.Equal(latest.Count, latest.Select(report => report.GetProperty("kind").GetString()).Distinct().Count());
        Assert.NotNull(run);
        Assert.Empty((await app.ListPurgeReportsAsync("from=2026-09-01&to=2026-10-01")).Json.GetProperty("reports").EnumerateArray());
    }

    [Theory]
    [InlineData(null, "from", "required")]
    [InlineData("from=2026-11-01", "to", "required")]
    [InlineData("from=2026-11-01&to=2026-11-27", "to", "out-of-range")]
    [InlineData("from=2025-10-01&to=2026-11-01", "to", "out-of-range")]
    [InlineData("from=2026-11-02&to=2026-11-01", "to", "out-of-range")]
    [InlineData("from=yesterday&to=2026-11-01", "from", "invalid-format")]
    public async Task A_log_range_that_is_missing_in_the_future_too_long_or_malformed_is_a_field_error(string? query, string field, string code)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        foreach (var response in new[] { await app.ListAuditAsync(query), await app.ListPurgeReportsAsync(query) })
        {
            Assert.Equal(400, response.Status);
            Assert.True(response.IsProblem);
            Assert.Equal(code, response.Json.GetProperty("codes").GetProperty(field)[0].GetString());
        }
    }

    [Fact]
    public async Task A_page_size_or_token_the_api_did_not_give_is_a_paging_error_on_every_listing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var range = "from=2026-11-01&to=2026-11-25";
        var foreignMonth = PageToken.Encode("2026-08:")!;
        var listings = new Func<string, Task<TestResponse>>[]
        {
            query => app.ListConsentLabelsAsync(query),
            query => app.ListPartnersAsync(query),
            query => app.ListPromotionsAsync(query),
            query => app.ListPollsAsync(query),
            query => app.ListAuditAsync(range + "&" + query),
            query => app.ListPurgeReportsAsync(range + "&" + query),
        };

        foreach (var list in listings)
        {
            foreach (var query in new[] { "pageSize=0", "pageSize=101", "pageSize=ten", "continuationToken=", "continuationToken=%25%25%25" })
            {
                var response = await list(query);
                Assert.Equal(400, response.Status);
                Assert.Equal(Paging, response.ErrorFields);
            }
        }

        // A token of the right listing and range that names a month outside the range, or a label id that is not one.
        Assert.Equal(Paging, (await app.ListAuditAsync(range + "&continuationToken=" + PageToken.Encode("audit:from=2026-11-01;to=2026-11-25|2026-08:"))).ErrorFields);
        Assert.Equal(Paging, (await app.ListPurgeReportsAsync(range + "&continuationToken=" + PageToken.Encode("purge-reports:from=2026-11-01;to=2026-11-25|2026-08:"))).ErrorFields);
        Assert.Equal(Paging, (await app.ListConsentLabelsAsync("continuationToken=" + PageToken.Encode("consent-labels|Not An Id"))).ErrorFields);
        Assert.Equal(Paging, (await app.ListAuditAsync(range + "&continuationToken=" + foreignMonth)).ErrorFields);
    }

    [Fact]
    public async Task A_token_is_good_only_for_the_listing_and_range_that_gave_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var log = app.Services.GetRequiredService<AuditLog>();
        foreach (var day in new[] { 2, 3 })
        {
            await log.AppendAsync(new AuditRecord("admin", "export", null, null, 1, new(2026, 11, day, 9, 0, 0, TimeSpan.Zero)), TestContext.Current.CancellationToken);
        }

        var labels = await app.ListConsentLabelsAsync("pageSize=1");
        var labelsToken = labels.Json.GetProperty("continuationToken").GetString()!;
        var audit = await app.ListAuditAsync("from=2026-11-01&to=2026-11-10&pageSize=1");
        var auditToken = audit.Json.GetProperty("continuationToken").GetString()!;

        Assert.Equal(200, (await app.ListConsentLabelsAsync("pageSize=1&continuationToken=" + labelsToken)).Status);
        Assert.Equal(200, (await app.ListAuditAsync("from=2026-11-01&to=2026-11-10&pageSize=1&continuationToken=" + auditToken)).Status);
        Assert.Equal(Paging, (await app.ListPartnersAsync("continuationToken=" + labelsToken)).ErrorFields);
        Assert.Equal(Paging, (await app.ListPollsAsync("continuationToken=" + labelsToken)).ErrorFields);
        Assert.Equal(Paging, (await app.ListAuditAsync("from=2026-11-01&to=2026-11-11&continuationToken=" + auditToken)).ErrorFields);
        Assert.Equal(Paging, (await app.ListPurgeReportsAsync("from=2026-11-01&to=2026-11-10&continuationToken=" + auditToken)).ErrorFields);
    }
}
