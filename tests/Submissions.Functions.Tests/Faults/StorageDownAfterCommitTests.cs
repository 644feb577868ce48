using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Timers;
using Submissions.Storage.Queues;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// Azurite killed just after each form's transaction committed, before the app heard back (the answer lost on the way,
/// then storage gone): the app cannot know it was stored, so it answers 503 — without claiming nothing was stored.
/// The record is there once, the retry with the same key gets the stored answer. A registration and an entry are stored
/// pending (issue 17): their confirmation mail, whose queue message was never sent, is still owed and goes out through
/// the outbox sweep; confirmed, the entry's delivery message is sent once.
/// </summary>
public sealed class StorageDownAfterCommitTests(FaultStorage storage) : IClassFixture<FaultStorage>
{
    [Fact]
    public async Task A_submission_stored_but_never_answered_is_a_503_that_does_not_deny_it_and_the_retry_replays_it()
    {
        var registration = new RegistrationInOutage();
        var entry = new EntryInOutage();
        List<(OutageSubmission Submission, int Request)> plan =
            [(registration, 1), (new CommentInOutage(), 2), (new VoteInOutage(), 4), (entry, 4)];
        var gate = new OutageGate(storage);
        try
        {
            foreach (var step in plan)
            {
                await step.Submission.PrepareAsync(storage, gate);
            }

            var before = await StoredRows.ReadAsync(entry.App);
            var taps = plan.Select(step => gate.Start(step.Request, afterAnswer: true, step.Submission.SubmitAsync)).ToList();
            TestResponse[] responses;
            try
            {
                await gate.GoDownWhenAllParkedAsync();
                responses = await Task.WhenAll(taps.Select(tap => tap.Result));
            }
            finally
            {
                // Back up even when the outage part failed: the class's other tests (and cases) run on this Azurite.
                await storage.ComeBackAsync();
            }

            for (var i = 0; i < plan.Count; i++)
            {
                Assert.Equal("POST $batch", taps[i].ParkedAt);
                SubmissionOutage.AssertRetryLater(responses[i], plan[i].Submission.ToString()!);
                Assert.DoesNotContain("Nothing was stored", responses[i].Body, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Equal(
                RecordShapes.Sum(plan.Select(step => step.Submission.PendingRecord)),
                StoredRows.Kinds((await StoredRows.ReadAsync(entry.App)).WrittenSince(before)));
            foreach (var (submission, _) in plan.Where(step => step.Submission != entry && step.Submission != registration))
            {
                await SubmissionOutage.AssertReplayedAsync(submission);
                await submission.AssertStoredAsync();
            }

            // The pending ones replay their answer and stay pending; their confirmation mails were never enqueued.
            var pending = new List<(OutageSubmission Submission, string ConfirmationId)>();
            foreach (var submission in new OutageSubmission[] { registration, entry })
            {
                var replay = await SubmissionOutage.AssertReplayedAsync(submission, confirm: false);
                var confirmationId = await submission.PendingConfirmationIdAsync(replay);
                Assert.NotNull(confirmationId);
                Assert.Equal(0, MailMessagesNaming(submission.App, confirmationId));
                pending.Add((submission, confirmationId));
            }

            // One sweep (the apps share the tables) sends each owed mail's message once; confirmed, the entry's
            // delivery message goes out once (AssertStoredAsync).
            registration.App.Time.Advance(TimeSpan.FromMinutes(11));
            await registration.App.Function<OutboxSweepFunction>().SweepAsync(null!, TestContext.Current.CancellationToken);
            foreach (var (submission, confirmationId) in pending)
            {
                Assert.Equal(1, plan.Sum(step => MailMessagesNaming(step.Submission.App, confirmationId)));
                Assert.Equal("confirmed", (await submission.App.ConfirmAsync(confirmationId)).Json.GetProperty("status").GetString());
                await submission.AssertStoredAsync();
            }
        }
        finally
        {
            foreach (var step in plan)
            {
                await step.Submission.DisposeAsync();
            }
        }
    }

    /// <summary>The confirmation-mail queue messages this app sent naming <paramref name="confirmationId"/>.</summary>
    private static int MailMessagesNaming(TestApp app, string confirmationId) =>
        app.QueueMessages.Sent.Count(text => text == new OutboundMailMessage("confirmation", confirmationId).ToJson());
}
