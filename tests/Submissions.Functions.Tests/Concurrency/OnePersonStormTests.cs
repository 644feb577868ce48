using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Concurrency;

/// <summary>
/// 50 different submissions by one person at once (different Idempotency-Keys, or none), where the design allows one
/// per person: one vote per voter token, one per email, one entry per promotion. Uniqueness is the Add of the voter or
/// entry row, so exactly one wins whatever the timing; every other vote is the documented 409 problem, never a 5xx,
/// and the losers leave nothing behind — not even a tally increment. Entries and registrations wait for their owner's
/// confirmation (issue 17): every one is answered alike, and the race is between the confirmations.
/// </summary>
public sealed class OnePersonStormTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Fifty_votes_with_one_voter_token_count_once_and_the_rest_are_409()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();
        var token = PollForms.NewVoterToken();

        // Half with a key of their own, half without; the options differ, so no answer can be a replay of another.
        var responses = await Storm.RunAsync(Storm.Size, i => app.VoteAsync(pollId, PollForms.Vote(i % 2 == 0 ? "red" : "blue", token), i % 2 == 0 ? Storm.NewKey() : null));

        var winner = Assert.Single(responses, response => response.Status == 201);
        AssertAlreadyVoted(responses.Where(response => response != winner));
        var option = winner.Json.GetProperty("optionId").GetString()!;
        Assert.Equal(1, (await app.TalliesAsync(pollId)).Votes[option]);
        Assert.Equal(1, (await app.TalliesAsync(pollId)).Total);
        var rows = await app.PollRowKindsAsync(pollId);
        Assert.Equal(1, rows["voter~t~"]);
        Assert.Equal(1, rows["meta~j~"]);
        Assert.Equal(1, rows["receipt~"]);
        Assert.Equal(1, rows["consent~"]);
        Assert.False(rows.ContainsKey("voter~s~"));
        Assert.InRange(rows.GetValueOrDefault("idem~"), 0, 1);

        // After the storm the voter is still refused, whichever option they pick.
        Assert.Equal(409, (await app.VoteAsync(pollId, PollForms.Vote("green", token))).Status);
    }

    [Fact]
    public async Task Fifty_votes_with_one_email_and_as_many_tokens_count_once_and_index_the_person_once()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();
        var email = RegistrationForms.NewEmail();

        // Each attempt brings a fresh cookie and spells the email its own way (case), as a person on many devices would.
        var responses = await Storm.RunAsync(
            Storm.Size, i => app.VoteAsync(pollId, PollForms.Vote("green", PollForms.NewVoterToken(), i % 3 == 0 ? email.ToUpperInvariant() : email), Storm.NewKey()));

        var winner = Assert.Single(responses, response => response.Status == 201);
        AssertAlreadyVoted(responses.Where(response => response != winner));
        Assert.Equal(1, (await app.TalliesAsync(pollId)).Total);

        // The winner's token row and email row, nothing of the 49 losers' tokens; one index row for the person.
        var rows = await app.PollRowKindsAsync(pollId);
        Assert.Equal(1, rows["voter~t~"]);
        Assert.Equal(1, rows["voter~s~"]);
        Assert.Equal(1, rows["meta~j~"]);
        Assert.Equal(1, rows["receipt~"]);
        Assert.Equal(1, rows["idem~"]);
        Assert.Equal(new Dictionary<string, int> { ["ref~"] = 1 }, await app.Tables.Subjects.RowKindsAsync(app.SubjectOf(email).Value));
    }

    [Fact]
    public async Task Fifty_entries_by_one_person_make_one_entry_one_owed_delivery_and_one_message()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();

        // Issue 17: every entry is stored pending and answered alike (nothing tells that the email entered before);
        // uniqueness is the Add of the entry row when they are confirmed, all at once here.
        var responses = await Storm.RunAsync(Storm.Size, i => app.EnterAsync(
            PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true, name: $"Entrant {i:D2}"), i % 2 == 0 ? Storm.NewKey() : null, confirm: false));

        Assert.All(responses, response =>
        {
            Assert.Equal(201, response.Status);
            Assert.Equal("awaiting-confirmation", response.Json.GetProperty("status").GetString());
        });
        var mails = await app.TakeMailMessagesAsync();
        Assert.Equal(Storm.Size, mails.Count);
        Assert.All(mails, mail => Assert.Equal("confirmation", mail.Kind));
        Assert.Equal(Storm.Size, mails.Select(mail => mail.Id).Distinct().Count());

        var confirmations = await Storm.RunAsync(Storm.Size, i => app.ConfirmAsync(mails[i].Id));

        Assert.All(confirmations, response => Assert.Equal(200, response.Status));
        Assert.Single(confirmations, response => response.Json.GetProperty("status").GetString() == "confirmed");
        Assert.Equal(Storm.Size - 1, confirmations.Count(response => response.Json.GetProperty("status").GetString() == "already-entered"));
        var rows = await app.Tables.Promotions.RowKindsAsync(PromotionForms.DemoPromotion);
        Assert.Equal(1, rows["entry~"]);
        Assert.Equal(1, rows["delivery~"]);
        // The dropped entries' receipts go with them: only the entry's and its two ledger rows stay; every
        // confirmation left its record (ids only), "confirmed" or "already-entered".
        Assert.Equal(1, rows["receipt~"]);
        Assert.Equal(2, rows["consent~"]);
        Assert.Equal(Storm.Size, rows["confirmation~"]);
        // Only the entry keeps its key's record (half were sent with one): a dropped entry's goes with it.
        var entry = Assert.Single(await app.Tables.Promotions.RowsAsync(), row => row.RowKey.StartsWith("entry~", StringComparison.Ordinal));
        Assert.Equal(entry.GetString("IdempotencyRowKey") is null ? 0 : 1, rows.GetValueOrDefault("idem~"));
        Assert.False(rows.ContainsKey("pending~"));
        Assert.Single(await app.TakeDeliveryMessagesAsync());
        // One index row, the entry's: those of the pending entries went when they were confirmed or dropped.
        Assert.Equal(new Dictionary<string, int> { ["ref~"] = 1 }, await app.Tables.Subjects.RowKindsAsync(app.SubjectOf(email).Value));
    }

    [Fact]
    public async Task Fifty_registrations_of_one_email_at_once_keep_one_member_and_every_answer_given()
    {
        // Re-registering is allowed (once confirmed it updates the member and adds to their consent history), so all
        // succeed; their confirmations race for the member row, each conflict means another commit, and a confirmation
        // that keeps losing may get the documented 503 instead, to be pressed again.
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var bodies = Enumerable.Range(0, Storm.Size).Select(i => RegistrationForms.Body(email, $"Member {i:D2}", consents: RegistrationForms.Consents(offers: i % 2 == 0))).ToList();

        var responses = await Storm.RunAsync(Storm.Size, i => app.PostAsync(bodies[i], confirm: false));
        Assert.All(responses, response => Assert.Equal(201, response.Status));
        var mails = await app.TakeMailMessagesAsync();
        Assert.Equal(Storm.Size, mails.Count);

        var confirmations = await Storm.RunAsync(Storm.Size, i => app.ConfirmAsync(mails[i].Id));
        foreach (var i in Enumerable.Range(0, Storm.Size).Where(i => confirmations[i].Status != 200))
        {
            Assert.Equal(503, confirmations[i].Status);
            Assert.False(string.IsNullOrEmpty(confirmations[i].Headers.RetryAfter.ToString()));
            confirmations[i] = await app.ConfirmAsync(mails[i].Id);
        }

        Assert.All(confirmations, response => Assert.Equal("confirmed", response.Json.GetProperty("status").GetString()));
        // Each registration answers with its own id (issue 14, defect 5); the one confirmed first gave the member its id.
        var ids = responses.Select(response => response.Json.GetProperty("id").GetString()).ToList();
        Assert.Equal(Storm.Size, ids.Distinct().Count());
        var rows = await app.Tables.Subjects.RowKindsAsync(app.SubjectOf(email).Value);
        Assert.Equal(
            new Dictionary<string, int> { ["member"] = 1, ["receipt~"] = Storm.Size, ["consent~"] = 3 * Storm.Size, ["confirmation~"] = Storm.Size },
            rows);
        var member = (await app.RowsOfAsync(email)).Single(row => row.RowKey == "member");
        Assert.Equal(Storm.Size, member.GetInt32("RegistrationCount"));
        Assert.Contains(member.GetString("MemberId"), ids);
    }

    private static void AssertAlreadyVoted(IEnumerable<TestResponse> refused)
    {
        var list = refused.ToList();
        Assert.Equal(Storm.Size - 1, list.Count);
        Assert.All(list, response =>
        {
            Assert.Equal(409, response.Status);
            Assert.True(response.IsProblem);
            Assert.Equal("This voter has already voted in this poll.", response.Json.GetProperty("title").GetString());
        });
    }
}
