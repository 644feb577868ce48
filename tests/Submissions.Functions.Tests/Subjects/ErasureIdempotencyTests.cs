using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Domain;
using Submissions.Functions.Tests.Concurrency;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Subjects;

/// <summary>
/// Idempotency records hold a person's stored answers and a fingerprint of what they sent: keyed, and erased with them.
/// After the erasure a request repeated with its key is a new submission, never a replay of one that no longer exists.
/// </summary>
public sealed class ErasureIdempotencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Idempotency_records_keep_only_keyed_hashes_of_the_key_and_the_body()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var person = await SubmitEverythingWithKeysAsync(app);

        var records = await IdempotencyRowsAsync(app);

        Assert.Equal(4, records.Count);
        string[] plain =
        [
            .. person.Submissions.Select(submission => ContentHash.Sha256Hex(JsonSerializer.SerializeToUtf8Bytes(submission.Body, HttpExchange.JsonOptions))),
            .. person.Keys.Select(key => ContentHash.Sha256Hex(Encoding.UTF8.GetBytes(key["Idempotency-Key"]))),
        ];
        Assert.DoesNotContain(records, row => plain.Any(row.Mentions));
    }

    [Fact]
    public async Task Erasure_removes_the_persons_idempotency_records_and_a_repeat_with_the_key_is_not_a_replay()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var person = await SubmitEverythingWithKeysAsync(app);

        var erased = await app.EraseAsync(person.Email);

        Assert.Equal(200, erased.Status);
        Assert.Empty(await IdempotencyRowsAsync(app));
        Assert.Equal(4, erased.Json.GetProperty("removed").GetProperty("idempotencyRecords").GetInt32());
        foreach (var (form, _, post) in person.Submissions)
        {
            var repeated = await post();
            Assert.False(repeated.IsReplay(), $"{form}: replayed an answer for data that was erased");

            // A new submission; the poll's token marker still holds the one vote per cookie.
            Assert.Equal(form == "vote" ? 409 : 201, repeated.Status);
        }
    }

    /// <summary>A registration, a comment, a vote and a promotion entry, each with its own Idempotency-Key, each retried once (a replay).</summary>
    private static async Task<KeyedPerson> SubmitEverythingWithKeysAsync(TestApp app)
    {
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        var pollId = await app.CreatePollAsync();
        var registration = RegistrationForms.Body(email);
        var comment = CommentForms.Body(CommentForms.NewPageId(), email: email);
        var vote = PollForms.Vote("green", PollForms.NewVoterToken(), email);
        var entry = PromotionForms.Entry(email, share: true);
        var keys = Enumerable.Range(0, 4).Select(_ => Storm.NewKey()).ToArray();
        List<(string Form, object Body, Func<Task<TestResponse>> Post)> submissions =
        [
            ("registration", registration, () => app.PostAsync(registration, keys[0])),
            ("comment", comment, () => app.PostCommentAsync(comment, keys[1])),
            ("vote", vote, () => app.VoteAsync(pollId, vote, keys[2])),
            ("promotion entry", entry, () => app.EnterAsync(PromotionForms.DemoPromotion, entry, keys[3])),
        ];
        foreach (var (form, _, post) in submissions)
        {
            Assert.True((await post()).Status == 201, form);
            Assert.True((await post()).IsReplay(), $"{form}: a retry is a replay");
        }

        return new KeyedPerson(email, keys, submissions);
    }

    private static async Task<List<TableEntity>> IdempotencyRowsAsync(TestApp app)
    {
        var rows = new List<TableEntity>();
        foreach (var table in new[] { app.Tables.Subjects, app.Tables.Comments, app.Tables.Polls, app.Tables.Promotions })
        {
            rows.AddRange((await table.RowsAsync()).Where(row => row.RowKey.StartsWith("idem~", StringComparison.Ordinal)));
        }

        return rows;
    }

    private sealed record KeyedPerson(string Email, Dictionary<string, string>[] Keys, List<(string Form, object Body, Func<Task<TestResponse>> Post)> Submissions);
}
