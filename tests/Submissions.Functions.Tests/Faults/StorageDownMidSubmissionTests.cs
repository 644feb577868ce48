using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// Azurite killed in the middle of submissions of every form at once — each parked at one of its storage requests
/// (<see cref="OutageGate"/>) — and restarted: every one is a 503 to retry later, nothing is half-stored, what was stored
/// before is kept, and the retry with the same Idempotency-Key ends with exactly one record.
/// </summary>
public sealed class StorageDownMidSubmissionTests(FaultStorage storage) : IClassFixture<FaultStorage>
{
    public const string BeforeFirstRequest = "before its first request";
    public const string BeforeMiddleRequest = "before a request between its first and its transaction";
    public const string BeforeTransaction = "before its transaction";

    [Theory]
    [InlineData(BeforeFirstRequest)]
    [InlineData(BeforeMiddleRequest)]
    [InlineData(BeforeTransaction)]
    public async Task Storage_down_before_a_request_is_a_503_that_leaves_nothing_half_stored_and_the_retry_stores_it_once(string point)
    {
        var plan = Plan(point);
        var gate = new OutageGate(storage);
        try
        {
            foreach (var step in plan)
            {
                await step.Submission.PrepareAsync(storage, gate);
            }

            var before = await StoredRows.ReadAsync(plan[0].Submission.App);
            var taps = plan.Select(step => gate.Start(step.Request, afterAnswer: false, step.Submission.SubmitAsync)).ToList();
            TestResponse[] responses;
            TimeSpan answeredAfter;
            try
            {
                await gate.GoDownWhenAllParkedAsync();
                responses = await Task.WhenAll(taps.Select(tap => tap.Result));
                answeredAfter = gate.SinceDown;
            }
            finally
            {
                // Back up even when the outage part failed: the class's other tests (and cases) run on this Azurite.
                await storage.ComeBackAsync();
            }

            for (var i = 0; i < plan.Count; i++)
            {
                Assert.True(plan[i].Expected == taps[i].ParkedAt, $"{plan[i].Submission} parked at {taps[i].ParkedAt}, not {plan[i].Expected}: {string.Join(", ", taps[i].Seen)}.");
                SubmissionOutage.AssertRetryLater(responses[i], plan[i].Submission.ToString()!);
            }

            Assert.True(answeredAfter < SubmissionOutage.AnswerWithin, $"Answered {answeredAfter} after storage went down.");
            await SubmissionOutage.AssertNothingButIndexRowsAndPointersAsync(plan[0].Submission.App, before, await StoredRows.ReadAsync(plan[0].Submission.App));
            foreach (var step in plan)
            {
                await step.Submission.AssertUnchangedAsync();
                await SubmissionOutage.AssertStoredOnceAsync(step.Submission);
                await step.Submission.AssertStoredAsync();
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

    /// <summary>
    /// Which request of each form storage goes down before (counted from 1, after the catalog when it is warm). A
    /// registration is its transaction, whether the member exists or not (issue 17; issue 18 removed the pointer before
    /// it), so its middle request is the transaction after a cold catalog's read; an entry's is its key's marker after the
    /// promotion's read, before the person's index row and the transaction (issue 18: no key read, no pointer). A comment
    /// is its index row then its transaction (issue 18: its key's record is no longer read first), so it has no middle
    /// request. A vote's is the person's claim on the poll, after the poll's read (its rules are not cached in tests) and
    /// its key's marker, before the transaction (issue 18: it was the fifth of six).
    /// </summary>
    private static List<(OutageSubmission Submission, int Request, string Expected)> Plan(string point) => point switch
    {
        BeforeFirstRequest =>
        [
            (new RegistrationInOutage(coldCatalog: true), 1, "GET ConsentLabels"),
            (new RegistrationInOutage(existingMember: true), 1, "POST $batch"),
            (new CommentInOutage(), 1, "PUT Subjects"),
            (new VoteInOutage(), 1, "GET Polls"),
            (new EntryInOutage(), 1, "GET Promotions"),
        ],
        BeforeMiddleRequest =>
        [
            (new RegistrationInOutage(coldCatalog: true), 2, "POST $batch"),
            (new VoteInOutage(), 3, "POST Subjects"),
            (new EntryInOutage(), 2, "POST Promotions"),
        ],
        _ =>
        [
            (new RegistrationInOutage(), 1, "POST $batch"),
            (new RegistrationInOutage(existingMember: true), 1, "POST $batch"),
            (new CommentInOutage(), 2, "POST $batch"),
            (new VoteInOutage(), 4, "POST $batch"),
            (new EntryInOutage(), 4, "POST $batch"),
        ],
    };
}
