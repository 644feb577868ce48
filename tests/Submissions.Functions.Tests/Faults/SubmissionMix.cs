using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Faults;

/// <summary>One submission of a stream: its form, the person's email, the comment's page, and the answer.</summary>
public sealed record SentSubmission(string Form, string Email, string? PageId, TestResponse Response);

/// <summary>
/// A stream of submissions of all four forms in turn — each by a new person, with its own Idempotency-Key, the comment
/// and the vote with an email, the entry sharing with the demo partner — posted through one app a few at a time.
/// </summary>
public static class SubmissionMix
{
    public static string[] Forms { get; } = ["registration", "comment", "vote", "entry"];

    public static async Task<List<SentSubmission>> PostAsync(TestApp app, int count, int concurrency = 4)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sent = new SentSubmission[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = TestContext.Current.CancellationToken },
            async (i, _) => sent[i] = await PostOneAsync(app, Forms[i % Forms.Length]));
        return [.. sent];
    }

    /// <summary>
    /// The rows <paramref name="sent"/> make together (<see cref="RecordShapes"/>), but for the poll's tally shards:
    /// votes share them, so their count is read from the results instead.
    /// </summary>
    public static string ShapeWithoutTallies(IEnumerable<SentSubmission> sent) => string.Join(", ", RecordShapes.Sum(sent.Select(submission => submission.Form switch
    {
        "registration" => RecordShapes.Registration,
        "comment" => RecordShapes.Comment,
        "vote" => RecordShapes.Vote,
        _ => RecordShapes.Entry,
    })).Split(", ").Where(part => !part.StartsWith(Tallies, StringComparison.Ordinal)));

    /// <summary>The kinds of <paramref name="rows"/>, but for the poll's tally shards.</summary>
    public static string KindsWithoutTallies(IEnumerable<StoredRow> rows) => StoredRows.Kinds(rows.Where(row => row.Kind + "×" != Tallies));

    private const string Tallies = "Polls/meta×";

    private static async Task<SentSubmission> PostOneAsync(TestApp app, string form)
    {
        var email = RegistrationForms.NewEmail();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var pageId = form == "comment" ? CommentForms.NewPageId() : null;
        var response = form switch
        {
            "registration" => await app.PostAsync(RegistrationForms.Body(email), key),
            "comment" => await app.PostCommentAsync(CommentForms.Body(pageId!, email: email), key),
            "vote" => await app.VoteAsync("demo-poll", PollForms.Vote("testing", PollForms.NewVoterToken(), email), key),
            _ => await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), key),
        };
        return new SentSubmission(form, email, pageId, response);
    }
}
