using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Functions.Tests.Concurrency;
using Submissions.Functions.Tests.Faults;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Subjects;

/// <summary>
/// A withdrawal or erasure that storage stopped part-way is finished by repeating it: whichever write was refused,
/// the repeat leaves storage as one uninterrupted request (and its repeat) would.
/// </summary>
public sealed class SubjectRequestConvergenceTests(AzuriteFixture azurite)
{
    /// <summary>Columns whose value is part of the end state; the others differ between runs (ids, times) and only their presence counts.</summary>
    private static readonly string[] ComparedValues = ["Status", "ShowName", "Granted", "Purpose", "Form", "Type", "Outcome", "Action", "Kind", "LabelId"];

    [Fact]
    public async Task A_withdrawal_whose_comment_update_failed_hides_the_name_when_repeated()
    {
        var refusal = new StorageRefusal();
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, FaultStorage.FastFailSettings(), services: refusal.AddTo);
        var email = RegistrationForms.NewEmail();
        var pageId = CommentForms.NewPageId();
        var posted = await app.PostCommentAsync(CommentForms.Body(pageId, displayName: "Shown Name", email: email, consents: CommentForms.Consents(showName: true)));
        await app.ModerateAsync(posted.Json.GetProperty("id").GetString()!, approve: true);
        Assert.Contains("Shown Name", (await app.ListCommentsAsync(pageId)).Body, StringComparison.Ordinal);

        refusal.Refuse((write, _) => write.EndsWith(" Comments", StringComparison.Ordinal));
        var failed = await app.WithdrawAsync(email, "public-display");
        var refused = refusal.Writes;
        refusal.Record();

        // The ledger committed before the comment update was refused: the withdrawal stands, the name still shows.
        Assert.Equal(503, failed.Status);
        Assert.Equal("POST $batch", refused[0]);
        Assert.EndsWith(" Comments", refused[^1], StringComparison.Ordinal);
        Assert.Contains(await app.RowsOfAsync(email), row => row.GetString("LabelId") == "public-display" && row.GetBoolean("Granted") == false);
        Assert.Contains("Shown Name", (await app.ListCommentsAsync(pageId)).Body, StringComparison.Ordinal);

        var repeated = await app.WithdrawAsync(email, "public-display");

        Assert.Equal(200, repeated.Status);
        Assert.Empty(repeated.Json.GetProperty("withdrawn").EnumerateArray());
        Assert.DoesNotContain("Shown Name", (await app.ListCommentsAsync(pageId)).Body, StringComparison.Ordinal);
        Assert.Single((await app.ListCommentsAsync(pageId)).Json.GetProperty("comments").EnumerateArray());
    }

    [Fact]
    public async Task A_withdrawal_stopped_at_any_write_is_finished_by_repeating_it() =>
        await AssertEveryInterruptionConvergesAsync((app, person) => app.WithdrawAsync(person.Email));

    [Fact]
    public async Task An_erasure_stopped_at_any_write_is_finished_by_repeating_it() =>
        await AssertEveryInterruptionConvergesAsync((app, person) => app.EraseAsync(person.Email));

    /// <summary>
    /// Runs the request once uninterrupted (recording its writes), then once per write with that write refused; each
    /// time repeats it, and compares what storage holds at the end.
    /// </summary>
    private async Task AssertEveryInterruptionConvergesAsync(Func<TestApp, Person, Task<TestResponse>> request)
    {
        var (baseline, writes) = await RunAsync(request, refuseWrite: null);
        Assert.True(writes.Count >= 3, $"Too few writes to interrupt: {string.Join(", ", writes)}");

        var diverged = new List<string>();
        for (var write = 1; write <= writes.Count; write++)
        {
            var (state, _) = await RunAsync(request, write);
            if (!state.SequenceEqual(baseline))
            {
                diverged.Add($"write {write} ({writes[write - 1]}): {string.Join("; ", state.Except(baseline))} instead of {string.Join("; ", baseline.Except(state))}");
            }
        }

        Assert.True(diverged.Count == 0, string.Join(Environment.NewLine, diverged));
    }

    /// <returns>The end state (first answer's class, the repeat's status, every row normalised) and the writes of the first request.</returns>
    private async Task<(List<string> State, IReadOnlyList<string> Writes)> RunAsync(Func<TestApp, Person, Task<TestResponse>> request, int? refuseWrite)
    {
        var refusal = new StorageRefusal();
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, FaultStorage.FastFailSettings(), services: refusal.AddTo);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);

        refusal.Refuse((_, number) => number == refuseWrite);
        var first = await request(app, person);
        var writes = refusal.Writes;
        refusal.Record();
        Assert.True(first.Status is 200 or 503, $"write {refuseWrite}: {first.Status} {first.Body}");

        // Past any erasure lease and in-flight grace the first request left behind.
        app.Time.Advance(TimeSpan.FromMinutes(3));
        var repeated = await request(app, person);
        Assert.True(repeated.Status == 200, $"write {refuseWrite} ({(refuseWrite is { } n && n <= writes.Count ? writes[n - 1] : "none")}): repeat answered {repeated.Status} {repeated.Body}");

        var prefix = app.Tables.Subjects.Name.Length - "Subjects".Length;
        var state = new List<string>();
        foreach (var (table, row) in await app.AllRowsAsync())
        {
            // The audit log records answered requests: a refused one has none, its repeat has one.
            if (table[prefix..] != "Audit")
            {
                state.Add(Normalise(table[prefix..], row));
            }
        }

        state.Sort(StringComparer.Ordinal);
        if (repeated.Json.TryGetProperty("notices", out var notices))
        {
            state.Add("answer notices: " + string.Join(',', notices.EnumerateArray().Select(notice => $"{notice.GetProperty("partnerId")}/{notice.GetProperty("type")}").Order(StringComparer.Ordinal)));
        }

        return (state, writes);
    }

    private static string Normalise(string table, TableEntity row)
    {
        var columns = row.Keys.Where(key => key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order(StringComparer.Ordinal)
            .Select(key => ComparedValues.Contains(key) ? $"{key}={row[key]}" : key);
        var kind = row.RowKey.Contains('~', StringComparison.Ordinal) || row.RowKey.Length < 24 ? Storm.Kind(row.RowKey) : "(id)";
        var text = $"{table}/{kind}: {string.Join(',', columns)}";
        if (row.RowKey == TombstoneEntity.TombstoneRowKey)
        {
            // The report's notices and completeness; its counts tell what each run found (see the erasure's docs).
            using var report = JsonDocument.Parse(row.GetString(nameof(TombstoneEntity.ReportJson))!);
            text += $" complete={report.RootElement.GetProperty("complete")} notices={report.RootElement.GetProperty("notices").GetArrayLength()}";
        }

        return text;
    }
}
