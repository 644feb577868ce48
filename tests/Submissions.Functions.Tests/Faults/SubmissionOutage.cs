using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.ConsentLabels;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Faults;

/// <summary>What every "storage down during a submission" test checks.</summary>
public static class SubmissionOutage
{
    /// <summary>
    /// How soon after storage went away a client must have its answer: the app gives up instead of hanging. With the
    /// fast-fail settings (<see cref="FaultStorage.FastFailSettings"/>: 1 retry, 2 s network timeout) it answers within
    /// about a second when storage refuses connections, and within about 5 s even if storage hung; without a timeout a
    /// request would wait on the SDK's 100 s default. The bound is generous because it is wall-clock time, which a
    /// loaded CI machine stretches: it only has to tell "gave up" from "hung".
    /// </summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(15);

    /// <summary>Loads the consent catalog into the app's cache, so a submission's first request is its own.</summary>
    public static async Task WarmCatalogAsync(this TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.Services.GetRequiredService<ConsentLabelCatalog>().GetAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The contract for storage trouble: a 503 problem with Retry-After — never a 500, never a 2xx.</summary>
    public static void AssertRetryLater(TestResponse response, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.Status == 503, $"{what}: expected 503, got {response.Status}: {response.Body}");
        Assert.True(response.IsProblem, what);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
    }

    /// <summary>
    /// What a failed try may leave: nothing, or its person's index row (pointing at nothing). Before issue 18 it could
    /// also leave the pointer a confirm link would have named; a pointer (of that layout) must still lead nowhere.
    /// </summary>
    public static async Task AssertNothingButIndexRowsAndPointersAsync(TestApp app, StoredRows before, StoredRows after)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(after);
        Assert.Empty(after.GoneSince(before));
        var written = after.WrittenSince(before);
        Assert.True(written.All(row => row.Kind is "Subjects/ref" or "Confirmations/pointer"), $"A failed submission left: {StoredRows.Kinds(written)}.");
        foreach (var pointer in written.Where(row => row.Kind == "Confirmations/pointer"))
        {
            var entity = (await app.Tables.Confirmations.GetEntityAsync<TableEntity>(pointer.PartitionKey, pointer.RowKey, cancellationToken: TestContext.Current.CancellationToken)).Value;
            var table = app.Tables.ByName(entity.GetString("TableName")!);
            var pending = await table.GetEntityIfExistsAsync<TableEntity>(entity.GetString("Partition")!, "pending~" + pointer.PartitionKey, cancellationToken: TestContext.Current.CancellationToken);
            Assert.False(pending.HasValue, "A failed submission's pointer leads to a pending row.");
        }
    }

    /// <summary>The retry is stored now (201, not a replay) as exactly one record; the same request again replays it.</summary>
    public static async Task AssertStoredOnceAsync(OutageSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var before = await StoredRows.ReadAsync(submission.App);
        var first = await submission.SubmitAsync();
        Assert.True(first.Status == 201, $"{submission}: expected 201, got {first.Status}: {first.Body}");
        Assert.False(first.Headers.ContainsKey("Idempotent-Replayed"), submission.ToString());
        Assert.Equal(submission.OneRecord, StoredRows.Kinds((await StoredRows.ReadAsync(submission.App)).WrittenSince(before)));
        await AssertReplayedAsync(submission, first.Body);
    }

    /// <summary>
    /// The request again is answered from its Idempotency-Key (with <paramref name="body"/> when known), writing no record;
    /// without <paramref name="confirm"/>, a submission still pending stays so.
    /// </summary>
    public static async Task<TestResponse> AssertReplayedAsync(OutageSubmission submission, string? body = null, bool confirm = true)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var before = await StoredRows.ReadAsync(submission.App);
        var replay = await (confirm ? submission.SubmitAsync() : submission.SubmitPendingAsync());
        Assert.True(replay.Status == 201, $"{submission}: expected the stored 201, got {replay.Status}: {replay.Body}");
        Assert.Equal("true", replay.Headers["Idempotent-Replayed"].ToString());
        Assert.Equal(body ?? replay.Body, replay.Body);

        // A vote rewrites its person's index row (same key, same content) before it finds the key taken; a registration
        // finds the key taken in its transaction; an entry writes its index row and takes it back once its transaction does.
        var after = await StoredRows.ReadAsync(submission.App);
        Assert.All(after.WrittenSince(before), row => Assert.Equal("Subjects/ref", row.Kind));
        Assert.Empty(after.GoneSince(before));
        return replay;
    }
}
