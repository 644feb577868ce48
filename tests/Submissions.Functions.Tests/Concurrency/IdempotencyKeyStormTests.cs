using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Concurrency;

/// <summary>
/// 50 identical posts of each form with one Idempotency-Key, all at once (a client retrying through a flaky network):
/// exactly one record with exactly its satellite rows, and every answer is that record's 201 — the first one as
/// stored, the 49 others replayed from the idempotency record that committed with it (docs/data-model.md: the record
/// and its key are one transaction, so a loser's conflict always finds the winner's answer; no 409 or 503 is
/// expected). A retry after the storm gets the same answer again.
/// </summary>
public sealed class IdempotencyKeyStormTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Forms { get; } = ["registration", "comment", "poll", "promotion"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Fifty_identical_posts_with_one_key_store_one_record_and_all_get_its_answer(string form)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var submission = await Submission.ForAsync(app, form);
        var key = Storm.NewKey();

        var responses = await Storm.RunAsync(Storm.Size, _ => submission.PostAsync(key));
        var retry = await submission.PostAsync(key);

        Assert.All(responses, response => Assert.Equal(201, response.Status));
        var body = Assert.Single(responses.Select(response => response.Body).Distinct());
        Assert.Single(responses, response => !response.IsReplay());
        Assert.Equal(201, retry.Status);
        Assert.Equal(body, retry.Body);
        Assert.True(retry.IsReplay());
        await submission.AssertStoredOnceAsync(app, retry.Json.GetProperty("id").GetString()!);

        // A shared entry owes one delivery: one queue message, and the partner gets the lead once.
        if (form == "promotion")
        {
            Assert.Single(app.QueueMessages.Sent, message => message.Contains("\"deliveryId\"", StringComparison.Ordinal));
            Assert.Equal(1, await app.DeliverAllAsync());
            Assert.Single(receiver.Received);
        }
    }

    /// <summary>One form's body, its post, and the rows exactly one stored submission of it leaves.</summary>
    private sealed record Submission(string Form, string Email, string Partition, Func<IDictionary<string, string>, Task<TestResponse>> PostAsync)
    {
        public static async Task<Submission> ForAsync(TestApp app, string form)
        {
            var email = RegistrationForms.NewEmail();
            switch (form)
            {
                case "registration":
                    var registration = RegistrationForms.Body(email, "Storm Member", consents: RegistrationForms.Consents(offers: true));
                    return new(form, email, app.SubjectOf(email).Value, key => app.PostAsync(registration, key));
                case "comment":
                    var page = CommentForms.NewPageId();
                    var comment = CommentForms.Body(page, "Posted once, retried many times.", "Storm Commenter", email);
                    return new(form, email, page, key => app.PostCommentAsync(comment, key));
                case "poll":
                    var pollId = await app.CreatePollAsync();
                    var vote = PollForms.Vote("green", PollForms.NewVoterToken(), email);
                    return new(form, email, pollId, key => app.VoteAsync(pollId, vote, key));
                default:
                    var entry = PromotionForms.Entry(email, share: true, name: "Storm Entrant");
                    return new(form, email, PromotionForms.DemoPromotion, key => app.EnterAsync(PromotionForms.DemoPromotion, entry, key));
            }
        }

        public async Task AssertStoredOnceAsync(TestApp app, string id)
        {
            var own = await app.Tables.Subjects.RowKindsAsync(app.SubjectOf(Email).Value);
            switch (Form)
            {
                case "registration":
                    // Member, one receipt, one ledger row per answer (three labels), the key, the confirmation record
                    // (issue 17: confirmed once; every other click found it): nothing else.
                    Assert.Equal(Kinds(("member", 1), ("receipt~", 1), ("consent~", 3), ("idem~", 1), ("confirmation~", 1)), own);
                    await AssertOnePendingAndMailAsync(app);
                    var member = await app.Tables.Subjects.GetEntityAsync<TableEntity>(Partition, "member", cancellationToken: TestContext.Current.CancellationToken);
                    Assert.Equal(1, member.Value.GetInt32("RegistrationCount"));
                    Assert.Equal(id, member.Value.GetString("MemberId"));
                    break;
                case "comment":
                    Assert.Equal(Kinds(("comment~", 1), ("receipt~", 1), ("consent~", 2), ("idem~", 1)), await app.Tables.Comments.RowKindsAsync(Partition));

                    // The person's index points at the one comment: no pointer to a comment that never committed.
                    Assert.Equal(Kinds(("ref~", 1)), own);
                    break;
                case "poll":
                    Assert.Equal(
                        Kinds(("meta~poll", 1), ("meta~j~", 1), ("voter~t~", 1), ("voter~s~", 1), ("receipt~", 1), ("consent~", 1), ("idem~", 1), ("idemkey~", 1)),
                        await app.PollRowKindsAsync(Partition));
                    Assert.Equal(new Dictionary<string, long> { ["red"] = 0, ["green"] = 1, ["blue"] = 0 }, (await app.TalliesAsync(Partition)).Votes);
                    Assert.Equal(Kinds(("ref~", 1)), own);
                    break;
                default:
                    Assert.Equal(
                        Kinds(("promotion", 1), ("entry~", 1), ("delivery~", 1), ("receipt~", 1), ("consent~", 2), ("idem~", 1), ("confirmation~", 1)),
                        await app.Tables.Promotions.RowKindsAsync(Partition));

                    // The entry's index row alone: a loser whose transaction met the winner's key takes back its index
                    // row to a pending row that never committed.
                    Assert.Equal(Kinds(("ref~", 1)), own);
                    await AssertOnePendingAndMailAsync(app);
                    break;
            }
        }

        /// <summary>
        /// One pending submission was stored and one confirmation mail owed. Issue 18: no pointer row is written (the
        /// confirmation id names the partition; before, one pointer stayed and the losers' were taken back).
        /// </summary>
        private static async Task AssertOnePendingAndMailAsync(TestApp app)
        {
            Assert.Empty(await app.Tables.Confirmations.RowsAsync());
            Assert.Single(app.QueueMessages.Sent, message => message.StartsWith("{\"kind\":\"confirmation\"", StringComparison.Ordinal));
        }

        private static Dictionary<string, int> Kinds(params (string Kind, int Count)[] kinds) =>
            kinds.ToDictionary(kind => kind.Kind, kind => kind.Count, StringComparer.Ordinal);
    }
}
