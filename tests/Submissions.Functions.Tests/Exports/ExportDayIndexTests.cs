using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Tests.Retention;
using Submissions.Storage.Exports;

namespace Submissions.Functions.Tests.Exports;

/// <summary>
/// Issue 18, goal 6: a short export of finished days reads its rows through the export day index — by key, the rows it
/// exports and no others — and gives exactly what the scan gave; erasure and retention take the index's pointers with
/// the rows they remove, even while an indexing run is under way or after one stopped part-way.
/// </summary>
public sealed partial class ExportDayIndexTests(AzuriteFixture azurite)
{
    private static readonly string[] Kinds = ["registrations", "comments", "votes", "promotion-entries", "consents", "disclosures"];
    private static readonly string[] IndexedKinds = ["registrations", "comments", "votes", "consents"];
    private static readonly string[] StampColumns = ["CreatedAt", "RecordedAt", "RegisteredAt"];

    /// <summary>The test clock starts on <see cref="ExportCalls.DayStart"/> at noon, and cannot go back: the day under test is the next.</summary>
    private static readonly DateTimeOffset Day = ExportCalls.DayStart.AddDays(1);

    [Fact]
    public async Task A_finished_days_export_through_the_index_holds_exactly_what_the_scan_found_for_every_kind_reading_only_by_key()
    {
        var log = new DataTableReads();
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            services: services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(log, HttpPipelinePosition.PerCall))));
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "The day before."));
        app.Time.SetUtcNow(Day.AddHours(9));
        await app.CreatePersonWithEverythingAsync(receiver.Url);
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "Anonymous, on the day."));
        var pollId = await app.CreatePollAsync();
        Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote("blue", PollForms.NewVoterToken()))).Status);
        app.Time.SetUtcNow(Day.AddDays(1).AddHours(1));
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "The day after."));

        var scanned = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var kind in Kinds)
        {
            scanned[kind] = Lines(await app.ExportAsync(kind, "ndjson", Day, Day.AddDays(1)));
            Assert.NotEmpty(scanned[kind]);
        }

        app.Time.SetUtcNow(Day.AddDays(2).AddHours(2));
        await app.IndexExportDaysAsync();
        Assert.Equal(DateOnly.FromDateTime(Day.AddDays(1).UtcDateTime), await app.Services.GetRequiredService<ExportDayIndexStore>().IndexedThroughAsync(TestContext.Current.CancellationToken));

        foreach (var kind in Kinds)
        {
            log.Clear();
            Assert.Equal(scanned[kind], Lines(await app.ExportAsync(kind, "ndjson", Day, Day.AddDays(1))));

            // Every read of a table that holds records named its partition: no scan, for every kind the index covers.
            // Promotion entries and disclosures are stamped before they are written (a late confirmation, a retried
            // delivery), so they are always scanned.
            Assert.NotEmpty(log.Reads);
            Assert.Equal(IndexedKinds.Contains(kind), log.Reads.All(read => read.ByKey));
        }
    }

    [Fact]
    public async Task A_range_cut_mid_day_in_another_offset_is_exact_through_the_index_and_one_reaching_today_is_scanned()
    {
        var log = new DataTableReads();
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            services: services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(log, HttpPipelinePosition.PerCall))));
        var pageId = CommentForms.NewPageId();
        app.Time.SetUtcNow(Day.AddHours(9));
        await app.PostCommentAsync(CommentForms.Body(pageId, "Before the range starts."));
        app.Time.SetUtcNow(Day.AddHours(11));
        await app.PostCommentAsync(CommentForms.Body(pageId, "Indexed day one."));
        app.Time.SetUtcNow(Day.AddDays(1).AddHours(1));
        await app.PostCommentAsync(CommentForms.Body(pageId, "Indexed day two."));
        app.Time.SetUtcNow(Day.AddDays(1).AddHours(23));
        await app.PostCommentAsync(CommentForms.Body(pageId, "After the range ends."));
        app.Time.SetUtcNow(Day.AddDays(2).AddHours(2));
        await app.IndexExportDaysAsync();
        app.Time.SetUtcNow(Day.AddDays(2).AddHours(3));
        await app.PostCommentAsync(CommentForms.Body(pageId, "Today, not indexed yet."));

        // 12:00+02:00 on day one to 23:00+02:00 on day two: 10:00Z to 21:00Z, all on indexed days.
        var offset = TimeSpan.FromHours(2);
        log.Clear();
        var indexed = (await app.ExportAsync("comments", "ndjson", Day.AddHours(10).ToOffset(offset), Day.AddDays(1).AddHours(21).ToOffset(offset))).Rows("ndjson");
        Assert.Equal(["Indexed day one.", "Indexed day two."], indexed.Select(row => row["text"]).Order(StringComparer.Ordinal));
        Assert.All(log.Reads, read => Assert.True(read.ByKey, read.Describe()));

        // Reaching today, the range is one scan (the index would not spare it), and exact.
        log.Clear();
        var scanned = (await app.ExportAsync("comments", "ndjson", Day.AddHours(10), Day.AddDays(2).AddHours(4))).Rows("ndjson");
        Assert.Equal(["After the range ends.", "Indexed day one.", "Indexed day two.", "Today, not indexed yet."], scanned.Select(row => row["text"]).Order(StringComparer.Ordinal));
        Assert.Contains(log.Reads, read => !read.ByKey);
    }

    [Fact]
    public async Task Erasure_while_an_indexing_run_is_under_way_forgets_the_pointers_it_has_written_and_the_run_resumes()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        app.Time.SetUtcNow(Day.AddHours(9));
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);
        app.Time.SetUtcNow(Day.AddDays(1).AddHours(2));
        await app.IndexExportDaysAsync();
        var subject = app.SubjectOf(person.Email).Value;
        Assert.Contains(await PointersAsync(app), pointer => pointer.RowKey.Contains(subject, StringComparison.Ordinal));

        // As a run that wrote the day's pointers and stopped before its end leaves the state: the day not yet indexed,
        // but written through, from the first scan.
        var store = app.Services.GetRequiredService<ExportDayIndexStore>();
        var dayBefore = DateOnly.FromDateTime(Day.AddDays(-1).UtcDateTime);
        await store.WriteStateAsync(new ExportIndexState(dayBefore, DateOnly.FromDateTime(Day.UtcDateTime), ExportIndexCursor.Start), app.Time.GetUtcNow(), TestContext.Current.CancellationToken);

        Assert.Equal(200, (await app.EraseAsync(person.Email)).Status);
        Assert.DoesNotContain(await PointersAsync(app), pointer => pointer.RowKey.Contains(subject, StringComparison.Ordinal));

        // The next run finishes the stopped one: the day is indexed, without the erased person.
        await app.IndexExportDaysAsync();
        var state = await store.ReadStateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(DateOnly.FromDateTime(Day.UtcDateTime), state.LastDay);
        Assert.Null(state.WritingThrough);
        var after = await PointersAsync(app);
        Assert.DoesNotContain(after, pointer => pointer.RowKey.Contains(subject, StringComparison.Ordinal));
        await AssertEveryPointerHasItsRowAsync(app, after);
    }

    [Fact]
    public async Task A_run_resumes_at_its_cursor_unless_the_cursor_names_another_scan()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        app.Time.SetUtcNow(Day.AddHours(9));
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "Comment."));
        var pollId = await app.CreatePollAsync();
        Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote("blue", PollForms.NewVoterToken()))).Status);
        app.Time.SetUtcNow(Day.AddDays(1).AddHours(2));

        // A run stopped after its first two scans (registrations, comments): the next one goes on with votes.
        var store = app.Services.GetRequiredService<ExportDayIndexStore>();
        var day = DateOnly.FromDateTime(Day.UtcDateTime);
        await store.WriteStateAsync(new ExportIndexState(null, day, new ExportIndexCursor(2, null, "votes/Polls")), app.Time.GetUtcNow(), TestContext.Current.CancellationToken);
        await app.IndexExportDaysAsync();

        var pointers = await PointersAsync(app);
        Assert.DoesNotContain(pointers, pointer => pointer.PartitionKey.StartsWith("comments~", StringComparison.Ordinal));
        Assert.Contains(pointers, pointer => pointer.PartitionKey.StartsWith("votes~", StringComparison.Ordinal));
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Id == 4233);
        Assert.Equal(day, (await store.ReadStateAsync(TestContext.Current.CancellationToken)).LastDay);

        // A cursor naming another scan than the one at its number (the forms changed since it was saved) starts over.
        await store.WriteStateAsync(new ExportIndexState(null, day, new ExportIndexCursor(2, null, "consents/Subjects")), app.Time.GetUtcNow(), TestContext.Current.CancellationToken);
        await app.IndexExportDaysAsync();
        Assert.Contains(await PointersAsync(app), pointer => pointer.PartitionKey.StartsWith("comments~", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasure_takes_the_persons_pointers_with_their_rows_and_leaves_no_pointer_to_anything_unstamped()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        app.Time.SetUtcNow(Day.AddHours(9));
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);
        var other = await app.CreatePersonWithEverythingAsync(receiver.Url);
        app.Time.SetUtcNow(Day.AddDays(1).AddHours(2));
        await app.IndexExportDaysAsync();
        var subject = app.SubjectOf(person.Email).Value;
        var before = await PointersAsync(app);
        Assert.Contains(before, pointer => pointer.RowKey.Contains(subject, StringComparison.Ordinal));
        Assert.All(IndexedKinds, kind => Assert.Contains(before, pointer => pointer.PartitionKey.StartsWith(kind + "~", StringComparison.Ordinal)));

        Assert.Equal(200, (await app.EraseAsync(person.Email)).Status);

        var after = await PointersAsync(app);
        Assert.DoesNotContain(after, pointer => pointer.RowKey.Contains(subject, StringComparison.Ordinal));
        await AssertEveryPointerHasItsRowAsync(app, after);
        Assert.Contains(after, pointer => pointer.RowKey.Contains(app.SubjectOf(other.Email).Value, StringComparison.Ordinal));
        Assert.True(after.Count < before.Count);
        var emails = (await app.ExportAsync("registrations", "ndjson", Day, Day.AddDays(1))).Rows("ndjson").Select(row => row["email"]).ToList();
        Assert.Equal([other.Email], emails);
    }

    [Fact]
    public async Task The_unmoderated_comment_purge_takes_the_comments_pointers_with_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pageId = CommentForms.NewPageId();
        app.Time.SetUtcNow(Day.AddHours(9));
        var purged = await app.PostPendingCommentAsync(pageId, RegistrationForms.NewEmail());
        var kept = await app.PostPendingCommentAsync(pageId, RegistrationForms.NewEmail());
        Assert.Equal(200, (await app.ModerateAsync(kept.Id, approve: true)).Status);
        app.Time.SetUtcNow(Day.AddDays(1).AddHours(2));
        await app.IndexExportDaysAsync();
        Assert.Contains(await PointersAsync(app), pointer => pointer.RowKey.Contains(purged.Subject!, StringComparison.Ordinal));

        app.Time.Advance(TimeSpan.FromDays(31));
        await app.PurgeAsync();

        var after = await PointersAsync(app);
        Assert.DoesNotContain(after, pointer => pointer.RowKey.Contains(purged.Subject!, StringComparison.Ordinal) || pointer.RowKey.EndsWith(purged.RowKey, StringComparison.Ordinal));
        Assert.Contains(after, pointer => pointer.RowKey.EndsWith(kept.RowKey, StringComparison.Ordinal));
        await AssertEveryPointerHasItsRowAsync(app, after);
    }

    [Fact]
    public async Task A_run_with_nothing_due_writes_nothing_and_a_repeated_run_writes_the_same_pointers()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        app.Time.SetUtcNow(Day.AddHours(9));
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "One."));

        // Within the grace nothing of the day is indexed.
        app.Time.SetUtcNow(Day.AddDays(1).AddMinutes(30));
        await app.IndexExportDaysAsync();
        Assert.DoesNotContain(await PointersAsync(app), pointer => pointer.PartitionKey == ExportDayIndexStore.PartitionOf("comments", DateOnly.FromDateTime(Day.UtcDateTime)));

        app.Time.SetUtcNow(Day.AddDays(1).AddHours(2));
        await app.IndexExportDaysAsync();
        var first = await PointersAsync(app);
        Assert.Single(first, pointer => pointer.PartitionKey == ExportDayIndexStore.PartitionOf("comments", DateOnly.FromDateTime(Day.UtcDateTime)));

        // A run after a crash before the state was written indexes the same days again: the same rows, once each.
        await app.Tables.ExportDayIndex.DeleteEntityAsync(ExportDayIndexStore.StatePartition, ExportDayIndexStore.StateRowKey, cancellationToken: TestContext.Current.CancellationToken);
        await app.IndexExportDaysAsync();
        Assert.Equal(first.Select(Key), (await PointersAsync(app)).Select(Key));
        // Nothing due: one point read of the state.
        Assert.Equal(1, await app.Requests.CountAsync(app.IndexExportDaysAsync));
    }

    private static string Key(TableEntity row) => row.PartitionKey + "/" + row.RowKey;

    /// <summary>The export's lines, in order: the index reads a day's rows in the order of its pointers, not of the scan.</summary>
    private static List<string> Lines(TestResponse response)
    {
        Assert.Equal(200, response.Status);

        // A member's signed links are issued when the export runs, so two exports of the same rows differ in them only.
        return [.. response.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => IssuedLinks().Replace(line, string.Empty)).Order(StringComparer.Ordinal)];
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"(optOutUrl|preferencesUrl)\":\"[^\"]*\",?")]
    private static partial System.Text.RegularExpressions.Regex IssuedLinks();

    private static async Task<List<TableEntity>> PointersAsync(TestApp app)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in app.Tables.ExportDayIndex.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey ne {ExportDayIndexStore.StatePartition}"), cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Each pointer's row exists and still carries the stamp it was indexed by (not a bare marker an erasure left).</summary>
    private static async Task AssertEveryPointerHasItsRowAsync(TestApp app, IEnumerable<TableEntity> pointers)
    {
        foreach (var pointer in pointers)
        {
            var table = app.Tables.ByName(pointer.GetString("Table")!);
            var row = await table.GetEntityIfExistsAsync<TableEntity>(pointer.GetString("TargetPartition"), pointer.GetString("TargetRow"), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(row.HasValue, $"{pointer.PartitionKey} points at a row that is gone.");
            Assert.Contains(row.Value!.Keys, column => StampColumns.Contains(column));
        }
    }

    /// <summary>A read of a table that holds records, and whether it named a partition.</summary>
    private sealed record TableRead(string Path, string Query)
    {
        public bool ByKey => Path.Contains("(PartitionKey=", StringComparison.Ordinal) || Query.Contains("PartitionKey eq", StringComparison.Ordinal);

        public string Describe() => Path + Query;
    }

    /// <summary>Every read of a table that holds records (not the index, the catalog or the audit).</summary>
    private sealed class DataTableReads : HttpPipelineSynchronousPolicy
    {
        private static readonly string[] DataTables = ["Subjects", "Comments", "Polls", "Promotions", "Disclosures"];
        private readonly List<TableRead> reads = [];

        public IReadOnlyList<TableRead> Reads
        {
            get
            {
                lock (reads)
                {
                    return [.. reads];
                }
            }
        }

        public void Clear()
        {
            lock (reads)
            {
                reads.Clear();
            }
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            var path = Uri.UnescapeDataString(message.Request.Uri.Path);
            var table = path.Split('/').Last().Split('(')[0];
            if (message.Request.Method == RequestMethod.Get && DataTables.Any(name => table.EndsWith(name, StringComparison.Ordinal)))
            {
                lock (reads)
                {
                    reads.Add(new TableRead(path, Uri.UnescapeDataString(message.Request.Uri.Query)));
                }
            }
        }
    }
}
