using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// Azurite killed and restarted under one running app instance. While it is down every submission is a 503 with
/// Retry-After — never a 500, never a 2xx — and bad input still gets its 400. Once it is back the same instance (its
/// storage clients, consent catalog cache, rate limiter) serves again without being rebuilt: everything answered 201
/// before and after is stored once, nothing from the outage is, and the queued deliveries go out.
/// </summary>
public sealed class StorageRestartMidRunTests(FaultStorage storage) : IClassFixture<FaultStorage>
{
    private const int PerPhase = 12;

    [Fact]
    public async Task One_app_instance_rides_out_a_storage_restart_without_being_rebuilt()
    {
        await using var app = await storage.StartAppAsync();
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var before = await StoredRows.ReadAsync(app);
        var votesBefore = await VotesAsync(app);

        var phase1 = await SubmissionMix.PostAsync(app, PerPhase);
        AssertAnswered(phase1, 201);

        // Killed once all of phase 1, its queue messages too, is saved.
        await storage.GoDownAsync();
        List<SentSubmission> outage;
        try
        {
            Assert.Equal(503, (await HealthAsync(app)).Status);
            outage = await SubmissionMix.PostAsync(app, PerPhase);
            var badInput = await app.PostAsync(RegistrationForms.Body("not-an-email"));

            // Now the consent catalog cache is stale too, and cannot be reloaded.
            app.Time.Advance(TimeSpan.FromSeconds(31));
            outage.AddRange(await SubmissionMix.PostAsync(app, PerPhase));
            Assert.All(outage, sent => SubmissionOutage.AssertRetryLater(sent.Response, sent.Form));
            Assert.Equal(400, badInput.Status);
            Assert.Equal(["email"], badInput.ErrorFields);
        }
        finally
        {
            // Back up even when the outage part failed: the class's other tests (and cases) run on this Azurite.
            await storage.ComeBackAsync();
        }

        var phase3 = await SubmissionMix.PostAsync(app, PerPhase);
        AssertAnswered(phase3, 201);
        Assert.Equal(200, (await HealthAsync(app)).Status);

        List<SentSubmission> stored = [.. phase1, .. phase3];
        Assert.Equal(SubmissionMix.ShapeWithoutTallies(stored), SubmissionMix.KindsWithoutTallies((await StoredRows.ReadAsync(app)).WrittenSince(before)));
        Assert.Equal(votesBefore + stored.Count(sent => sent.Form == "vote"), await VotesAsync(app));
        foreach (var sent in outage)
        {
            Assert.Empty(await app.RowsOfAsync(sent.Email));
        }

        // The queue trigger's work after the restart: every entry's delivery, phase 1's queued before the kill.
        var delivered = 0;
        while (await app.DeliverAllAsync() is var count and > 0)
        {
            delivered += count;
        }

        var entries = stored.Count(sent => sent.Form == "entry");
        Assert.Equal(entries, delivered);
        Assert.Equal(entries, receiver.Received.Select(webhook => webhook.WebhookId).Distinct().Count());
        var disclosures = await app.Tables.Disclosures.RowsAsync();
        Assert.Equal(entries, disclosures.Count(row => row.GetString("Outcome") == "delivered"));
    }

    private static void AssertAnswered(List<SentSubmission> sent, int status) =>
        Assert.All(sent, submission => Assert.True(submission.Response.Status == status, $"{submission.Form}: {submission.Response.Status} {submission.Response.Body}"));

    private static async Task<long> VotesAsync(TestApp app) =>
        (await app.TalliesAsync("demo-poll")).Total;

    private static async Task<TestResponse> HealthAsync(TestApp app)
    {
        var request = HttpExchange.Request("GET", "/api/health", contentType: null);
        return await app.Function<HealthFunctions>().GetAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }
}
