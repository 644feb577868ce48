using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Audit;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Exports;

/// <summary>Exports longer than one storage page (1,000 rows): complete, in storage order, sent page by page.</summary>
public sealed class LargeExportTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    public async Task Comments_over_several_pages_come_out_complete_in_order_and_flushed_page_by_page(string format)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var at = app.Time.GetUtcNow();
        var rows = Enumerable.Range(0, 1250)
            .Select(i => ExportRows.Comment($"page-{i % 3}", at.AddSeconds(i), "Name " + ExportRows.Numbered(i), "Comment " + ExportRows.Numbered(i)))
            .ToList();
        await ExportRows.AddAsync(app.Tables.Comments, rows);
        var body = new FlushCountingStream();

        var response = await app.ExportRawAsync("comments", ExportCalls.Query(ExportCalls.DayStart, ExportCalls.DayStart.AddDays(1), format), body);

        var exported = response.Rows(format);
        var expected = rows.OrderBy(row => row.PartitionKey, StringComparer.Ordinal).ThenBy(row => row.RowKey, StringComparer.Ordinal).Select(row => row.Text);
        Assert.Equal(expected, exported.Select(row => row["text"]));

        // One flush per storage page (1,000 rows at most), the first with the header: the body never holds the export.
        Assert.True(body.Flushes >= 2, $"Expected a flush per page, saw {body.Flushes}.");
        Assert.True(body.Chunks[0] < body.Length * 0.9, $"The first flush sent {body.Chunks[0]} of {body.Length} bytes: the export was buffered.");
    }

    [Fact]
    public async Task Registrations_whose_partitions_straddle_page_boundaries_each_come_out_once_with_their_consents()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var at = app.Time.GetUtcNow();

        // 400 people × (member + 3 ledger rows) = 1,600 rows: pages end inside someone's partition.
        var people = Enumerable.Range(0, 400).Select(i => (Key: Guid.NewGuid().ToString("N"), Index: i)).ToList();
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken }, async (person, _) =>
            await ExportRows.AddAsync(app.Tables.Subjects, PersonRows(person.Key, person.Index, at)));

        var exported = (await app.ExportAsync("registrations", "csv")).Rows("csv");

        Assert.Equal(people.Select(person => person.Key).Order(StringComparer.Ordinal), exported.Select(row => row["memberId"]));
        Assert.All(exported, row =>
        {
            var index = int.Parse(row["displayName"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("granted", row["consent.terms"]);
            Assert.Equal(index % 2 == 0 ? "withdrawn" : "granted", row["consent.special-offers"]);
            Assert.Equal("declined", row["consent.demographics"]);
        });
    }

    [Fact]
    public async Task A_storage_failure_after_streaming_started_aborts_the_response_and_records_how_many_rows_went_out()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var at = app.Time.GetUtcNow();
        await ExportRows.AddAsync(app.Tables.Comments, Enumerable.Range(0, 1100).Select(i => ExportRows.Comment("page-big", at.AddSeconds(i), "Name", "Text")));

        // The table disappears once the first page is out: the next page's read fails.
        var body = new FlushCountingStream(async () => await app.Tables.Comments.DeleteAsync(TestContext.Current.CancellationToken));
        var request = ExportCalls.Request("comments", ExportCalls.Query(ExportCalls.DayStart, ExportCalls.DayStart.AddDays(1), "csv"), body);

        await Assert.ThrowsAnyAsync<Exception>(() => app.Function<Functions.Http.ExportFunctions>()
            .ExportAsync(request, "comments", TestContext.Current.CancellationToken).ExecuteAsync(request));

        var audit = await app.Services.GetRequiredService<AuditLog>().ReadMonthAsync("2026-11", TestContext.Current.CancellationToken);
        Assert.Equal(["export-aborted", "export"], audit.Select(record => record.Action));
        Assert.Equal(1000, audit[0].Count);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Id == 3103);
    }

    private static IEnumerable<Azure.Data.Tables.ITableEntity> PersonRows(string subjectKey, int index, DateTimeOffset at)
    {
        yield return new MemberEntity
        {
            PartitionKey = subjectKey,
            MemberId = subjectKey,
            Email = $"bulk.{subjectKey}@example.test",
            DisplayName = ExportRows.Numbered(index),
            RegisteredAt = at,
            UpdatedAt = at,
            RegistrationCount = 1,
        };
        yield return Record(subjectKey, "terms", true, "registration", at);
        yield return Record(subjectKey, "special-offers", true, "registration", at);
        yield return Record(subjectKey, "demographics", false, "registration", at);
        if (index % 2 == 0)
        {
            // The withdrawal is newer; the first-row and last-row order of ledger keys must not matter.
            yield return Record(subjectKey, "special-offers", false, "withdrawal", at.AddMinutes(5));
        }
    }

    private static ConsentRecordEntity Record(string subjectKey, string labelId, bool granted, string form, DateTimeOffset at)
    {
        var receiptId = Guid.NewGuid().ToString("N");
        return new()
        {
            PartitionKey = subjectKey,
            RowKey = LedgerRowKeys.Consent(labelId, subjectKey, at, receiptId),
            SubjectKey = subjectKey,
            LabelId = labelId,
            Version = 1,
            Purpose = "test",
            Granted = granted,
            RecordedAt = at,
            Form = form,
            SubmissionId = receiptId,
            ReceiptId = receiptId,
        };
    }
}
