using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Concurrency;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage;
using Submissions.Storage.Polls;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Polls;

/// <summary>
/// Votes spread over a poll's vote partitions (issue 18): one round trip for a vote by token, two with an email, one
/// more at most when the voter has voted; one vote per token and per email under concurrency, each counted once; a
/// vote that died between the person's claim and its transaction blocks nobody for longer than the claim takeover.
/// </summary>
public sealed class VotePartitionTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> CachedRules = new() { ["ReadCache:PollDefinitionSeconds"] = "600" };

    [Fact]
    public async Task A_vote_whose_token_has_voted_costs_at_most_one_more_round_trip()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, settings: CachedRules);
        var pollId = await app.CreatePollAsync();
        var token = PollForms.NewVoterToken();
        await app.VoteAsync(pollId, PollForms.Vote("red", token));

        TestResponse? keyed = null;
        TestResponse? plain = null;
        var withKey = await app.Requests.CountAsync(async () => keyed = await app.VoteAsync(pollId, PollForms.Vote("blue", token), Storm.NewKey()));
        var withoutKey = await app.Requests.CountAsync(async () => plain = await app.VoteAsync(pollId, PollForms.Vote("blue", token)));

        // The transaction names the token row as the Add that failed: without a key that is final; with one, the key is
        // read once (a concurrent retry of the same request would own the row and be replayed). A keyed vote writes its
        // key's marker first (a key reused for another voter meets it), so keyed it is 2 round trips, refused 3.
        Assert.Equal((409, 409), (keyed!.Status, plain!.Status));
        Assert.Equal(3, withKey);
        Assert.Equal(1, withoutKey);
        Assert.Equal(1, (await app.TalliesAsync(pollId)).Total);
    }

    [Fact]
    public async Task Concurrent_voters_same_tokens_and_same_emails_are_each_counted_once_in_the_results()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();
        var sharedToken = PollForms.NewVoterToken();
        var sharedEmail = RegistrationForms.NewEmail();
        string[] options = ["red", "green", "blue"];

        // 150 voters of their own, 15 requests with one cookie, 15 with one email and a cookie each — all at once.
        var requests = Enumerable.Range(0, 180).Select(i => i switch
        {
            < 150 => PollForms.Vote(options[i % 3], PollForms.NewVoterToken(), i % 5 == 0 ? RegistrationForms.NewEmail() : null),
            < 165 => PollForms.Vote("green", sharedToken),
            _ => PollForms.Vote("blue", PollForms.NewVoterToken(), sharedEmail),
        }).ToList();
        var responses = await Storm.RunAsync(requests.Count, i => app.VoteAsync(pollId, requests[i], i % 2 == 0 ? Storm.NewKey() : null));

        Assert.All(responses[..150], response => Assert.Equal(201, response.Status));
        Assert.Single(responses[150..165], response => response.Status == 201);
        Assert.Single(responses[165..], response => response.Status == 201);
        Assert.All(responses.Where(response => response.Status != 201), response => Assert.Equal(409, response.Status));

        var accepted = responses.Where(response => response.Status == 201).CountBy(response => response.Json.GetProperty("optionId").GetString()!)
            .ToDictionary(pair => pair.Key, pair => (long)pair.Value);
        Assert.Equal(accepted, (await app.TalliesAsync(pollId)).Votes.Where(pair => pair.Value > 0).ToDictionary());

        // The results route recounts (TestApp: no totals period), folding every journal row: the same counts, published.
        var results = await app.ResultsAsync(pollId);
        Assert.Equal(152, results.Json.GetProperty("totalVotes").GetInt64());
        Assert.Equal(accepted, results.Votes().Where(pair => pair.Value > 0).ToDictionary());
        Assert.DoesNotContain(await app.PollRowsAsync(pollId), row => row.RowKey.StartsWith(VoteJournalEntity.RowKeyPrefix, StringComparison.Ordinal));
        Assert.Equal(accepted, (await app.TalliesAsync(pollId)).Votes.Where(pair => pair.Value > 0).ToDictionary());

        // Every fifth own voter gave an email, and the shared email's one winner: their person rows, one each.
        Assert.Equal(31, (await app.PollRowKindsAsync(pollId))["voter~s~"]);
    }

    [Fact]
    public async Task A_vote_that_died_after_claiming_the_email_blocks_the_person_only_until_the_claim_can_be_taken_over()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();
        var email = RegistrationForms.NewEmail();
        var subject = app.SubjectOf(email).Value;
        var abandoned = VotePartitions.Name(pollId, 7);

        // What a crash between the two round trips leaves: the person's claim on the poll, and no vote behind it.
        var claimed = await app.Services.GetRequiredService<SubjectIndex>().TryClaimAsync(
            subject, SubjectRecordKinds.Vote, SubmissionsTables.PollsName, pollId, abandoned, VoteEntity.SubjectRowKey(subject), app.Time.GetUtcNow(), CancellationToken.None);
        Assert.NotNull(claimed);

        // Within the takeover (the storage client's longest commit, 40 s by default) the vote may still land: refused.
        var meanwhile = await app.VoteAsync(pollId, PollForms.Vote("red", PollForms.NewVoterToken(), email));
        app.Time.Advance(TimeSpan.FromSeconds(41));
        var later = await app.VoteAsync(pollId, PollForms.Vote("red", PollForms.NewVoterToken(), email));

        Assert.Equal(409, meanwhile.Status);
        Assert.Equal(201, later.Status);
        Assert.Equal(1, (await app.TalliesAsync(pollId)).Total);

        // The claim now points at the vote that came, so access and erasure find it; erased, the person can vote again.
        var vote = Assert.Single((await app.AccessAsync(email)).Json.GetProperty("votes").EnumerateArray());
        Assert.Equal((pollId, "red"), (vote.GetProperty("pollId").GetString(), vote.GetProperty("optionId").GetString()));
        Assert.Equal(200, (await app.EraseAsync(email)).Status);
        Assert.DoesNotContain((await app.PollRowKindsAsync(pollId)).Keys, kind => kind is "voter~s~" or "receipt~" or "consent~");
        Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote("green", PollForms.NewVoterToken(), email))).Status);
    }

    [Fact]
    public async Task An_erased_voter_leaves_a_bare_token_marker_and_the_count()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();
        var email = RegistrationForms.NewEmail();
        var token = PollForms.NewVoterToken();
        Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote("blue", token, email), Storm.NewKey())).Status);

        Assert.Equal(200, (await app.EraseAsync(email)).Status);

        // Its vote partition keeps the token row stripped of its vote (the cookie stays spent) and the journal row (a count,
        // nobody's); the person's row, receipt, ledger row and idempotency record are gone, and so is their claim. The key's
        // marker (a keyed hash of the key and of the body, no answer) stays until the idempotency purge, as a promotion's.
        var rows = await app.PollRowKindsAsync(pollId);
        Assert.Equal(new Dictionary<string, int> { ["meta~poll"] = 1, ["voter~t~"] = 1, ["meta~j~"] = 1, ["idemkey~"] = 1 }, rows);
        var partition = VotePartitions.For(pollId, app.Services.GetRequiredService<Domain.Privacy.VoterKeyHasher>().For(pollId, token), VotePartitions.Count);
        var tokenRow = (await app.Tables.Polls.GetEntityAsync<Azure.Data.Tables.TableEntity>(
            partition, VoteEntity.TokenRowKeyFor(app.Services.GetRequiredService<Domain.Privacy.VoterKeyHasher>().For(pollId, token)), cancellationToken: TestContext.Current.CancellationToken)).Value;
        Assert.Null(tokenRow.GetString(nameof(VoteEntity.OptionId)));
        Assert.DoesNotContain("ref~", (await app.Tables.Subjects.RowKindsAsync(app.SubjectOf(email).Value)).Keys);
        Assert.Equal(1, (await app.TalliesAsync(pollId)).Votes["blue"]);
        Assert.Equal(409, (await app.VoteAsync(pollId, PollForms.Vote("red", token))).Status);
    }

    [Fact]
    public async Task Closing_a_poll_refuses_votes_at_once_on_the_instance_that_closed_it_and_unknown_options_stay_400()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, settings: CachedRules);
        var pollId = await app.CreatePollAsync();
        Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote("red", PollForms.NewVoterToken()))).Status);

        var unknownOption = await app.VoteAsync(pollId, PollForms.Vote("purple", PollForms.NewVoterToken()));
        Assert.Equal(200, (await app.PutPollAsync(pollId, PollForms.Definition("closed"))).Status);
        var afterClose = await app.VoteAsync(pollId, PollForms.Vote("red", PollForms.NewVoterToken()));

        Assert.Equal(400, unknownOption.Status);
        Assert.Equal(["optionId"], unknownOption.ErrorFields);
        Assert.Equal(409, afterClose.Status);
        Assert.Equal("The poll is closed.", afterClose.Json.GetProperty("title").GetString());
        Assert.Equal(1, (await app.TalliesAsync(pollId)).Total);
    }

    [Fact]
    public async Task Concurrent_results_reads_cost_one_storage_load_per_cache_period()
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString, settings: new Dictionary<string, string?> { ["ReadCache:PollResultsSeconds"] = "600", ["ReadCache:PollTotalsSeconds"] = "3600" });
        var pollId = await app.CreatePollAsync();
        for (var i = 0; i < 12; i++)
        {
            await app.VoteAsync(pollId, PollForms.Vote("green", PollForms.NewVoterToken()));
        }

        // The first load recounts (the totals were never counted) and publishes; its entry then serves every reader.
        var first = await app.ResultsAsync(pollId);
        TestResponse[] reads = [];
        var trips = await app.Requests.CountAsync(async () => reads = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => app.ResultsAsync(pollId))));

        Assert.Equal(12, first.Json.GetProperty("totalVotes").GetInt64());
        Assert.Equal(0, trips);
        Assert.All(reads, read => Assert.Equal(first.Body, read.Body));

        // A browser or CDN may keep each answer for what is left of the period, never longer.
        Assert.InRange(MaxAge(first), 590, 600);
        Assert.All(reads, read => Assert.InRange(MaxAge(read), 1, MaxAge(first)));

        // A poll nobody read yet, read by 40 at once: one load among them — its poll row, and the recount its totals are
        // due (never counted): the mark, one query per vote partition (no votes, nothing to fold) and the totals saved.
        var other = await app.CreatePollAsync();
        var concurrentMiss = await app.Requests.CountFirstAttemptsAsync(() => Task.WhenAll(Enumerable.Range(0, 40).Select(_ => app.ResultsAsync(other))));
        Assert.Equal(1 + 1 + VotePartitions.Count + 1, concurrentMiss);
    }

    private static int MaxAge(TestResponse results)
    {
        var header = results.Headers.CacheControl.ToString();
        Assert.StartsWith("public, max-age=", header, StringComparison.Ordinal);
        return int.Parse(header["public, max-age=".Length..], CultureInfo.InvariantCulture);
    }
}
