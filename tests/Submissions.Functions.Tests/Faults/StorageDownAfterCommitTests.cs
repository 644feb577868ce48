using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Timers;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// Azurite killed just after each form's transaction committed, before the app heard back (the answer lost on the way,
/// then storage gone): the app cannot know it was stored, so it answers 503 — without claiming nothing was stored.
/// The record is there once, the retry with the same key gets the stored answer, and the promotion entry's delivery,
/// whose queue message was never sent, still goes out through the outbox sweep.
/// </summary>
public sealed class StorageDownAfterCommitTests(FaultStorage storage) : IClassFixture<FaultStorage>
{
    [Fact]
    public async Task A_submission_stored_but_never_answered_is_a_503_that_does_not_deny_it_and_the_retry_replays_it()
    {
        var entry = new EntryInOutage();
        List<(OutageSubmission Submission, int Request)> plan =
            [(new RegistrationInOutage(), 1), (new CommentInOutage(), 3), (new VoteInOutage(), 6), (entry, 5)];
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
                RecordShapes.Sum(plan.Select(step => step.Submission.OneRecord)),
                StoredRows.Kinds((await StoredRows.ReadAsync(entry.App)).WrittenSince(before)));
            foreach (var (submission, _) in plan.Where(step => step.Submission != entry))
            {
                await SubmissionOutage.AssertReplayedAsync(submission);
                await submission.AssertStoredAsync();
            }

            await SubmissionOutage.AssertReplayedAsync(entry);
            Assert.Equal(0, await entry.MessagesSentAsync());
            entry.App.Time.Advance(TimeSpan.FromMinutes(11));
            await entry.App.Function<OutboxSweepFunction>().SweepAsync(null!, TestContext.Current.CancellationToken);
            Assert.Equal(1, await entry.MessagesSentAsync());
        }
        finally
        {
            foreach (var step in plan)
            {
                await step.Submission.DisposeAsync();
            }
        }
    }
}
