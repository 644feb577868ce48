using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Domain.Privacy;
using Submissions.Functions.Tests.Exports;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage;
using Submissions.Storage.Ledger;
using Submissions.Storage.Polls;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Polls;

/// <summary>
/// A poll deployed before votes were spread (issue 18): its votes in its own partition — voter rows, 16 tally shards,
/// its published results in meta~published, its email voters indexed there. Seeded here row by row the way that code
/// wrote them. They stay counted, keep their voters from voting again, are exported under the poll's id and erased.
/// </summary>
public sealed class LegacyPollLayoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Votes_of_the_old_layout_stay_counted_unique_exported_and_erasable()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var pollId = await app.CreatePollAsync();
        var (tokenOnly, tokenWithEmail, email) = (PollForms.NewVoterToken(), PollForms.NewVoterToken(), RegistrationForms.NewEmail());
        await SeedLegacyAsync(app, pollId, tokenOnly, tokenWithEmail, email);

        Assert.Equal(new Dictionary<string, long> { ["red"] = 12, ["green"] = 0, ["blue"] = 0 }, (await app.TalliesAsync(pollId)).Votes);

        // Their voters are still one vote each: the same cookies, the same email with a new cookie.
        Assert.Equal(409, (await app.VoteAsync(pollId, PollForms.Vote("green", tokenOnly))).Status);
        Assert.Equal(409, (await app.VoteAsync(pollId, PollForms.Vote("green", tokenWithEmail))).Status);
        Assert.Equal(409, (await app.VoteAsync(pollId, PollForms.Vote("green", PollForms.NewVoterToken(), email))).Status);
        Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote("green", PollForms.NewVoterToken()))).Status);
        Assert.Equal(new Dictionary<string, long> { ["red"] = 12, ["green"] = 1, ["blue"] = 0 }, (await app.TalliesAsync(pollId)).Votes);

        // The results published before stand (13 is less than a step past 10), now kept on the poll row.
        var results = await app.ResultsAsync(pollId);
        Assert.Equal(10, results.Json.GetProperty("totalVotes").GetInt64());
        Assert.Equal(10, results.Votes()["red"]);

        // Exported under the poll's id, one line per vote, old and new alike.
        var exported = (await app.ExportAsync("votes", "ndjson")).Rows("ndjson");
        Assert.Equal(3, exported.Count);
        Assert.All(exported, vote => Assert.Equal(pollId, vote["pollId"]));

        // Erased: the person's row, receipt and index go; the token row stays as a bare marker; the count stays.
        Assert.Equal(200, (await app.EraseAsync(email)).Status);
        var own = (await app.PollRowsAsync(pollId)).Where(row => row.Partition == pollId).Select(row => row.RowKey).ToList();
        Assert.DoesNotContain(VoteEntity.SubjectRowKey(app.SubjectOf(email).Value), own);
        Assert.DoesNotContain(LedgerRowKeys.Receipt("legacy-receipt-2"), own);
        Assert.Contains(LedgerRowKeys.Receipt("legacy-receipt-1"), own);
        var marker = (await app.Tables.Polls.GetEntityAsync<TableEntity>(pollId, VoteEntity.TokenRowKeyFor(VoterKey(app, pollId, tokenWithEmail)), cancellationToken: TestContext.Current.CancellationToken)).Value;
        Assert.Null(marker.GetString(nameof(VoteEntity.OptionId)));
        Assert.Equal(13, (await app.TalliesAsync(pollId)).Total);
        Assert.Equal(409, (await app.VoteAsync(pollId, PollForms.Vote("blue", tokenWithEmail))).Status);
    }

    private static string VoterKey(TestApp app, string pollId, string token) => app.Services.GetRequiredService<VoterKeyHasher>().For(pollId, token);

    /// <summary>
    /// The poll row without VotePartitions; a token vote and a token-and-email vote with their receipts, the person's
    /// index row; 12 red votes in shard 03; 10 of them published.
    /// </summary>
    private static async Task SeedLegacyAsync(TestApp app, string pollId, string tokenOnly, string tokenWithEmail, string email)
    {
        var polls = app.Tables.Polls;
        var now = app.Time.GetUtcNow();
        var poll = (await polls.GetEntityAsync<PollEntity>(pollId, PollEntity.PollRowKey, cancellationToken: TestContext.Current.CancellationToken)).Value;
        poll.VotePartitions = null;
        await polls.UpdateEntityAsync(poll, poll.ETag, TableUpdateMode.Replace, TestContext.Current.CancellationToken);

        var subject = app.SubjectOf(email).Value;
        var (first, second) = (VoteEntity.TokenRowKeyFor(VoterKey(app, pollId, tokenOnly)), VoteEntity.TokenRowKeyFor(VoterKey(app, pollId, tokenWithEmail)));
        var (firstReceipt, secondReceipt) = (new ConsentReceiptDraft("legacy-receipt-1", "poll", now, []), new ConsentReceiptDraft("legacy-receipt-2", "poll", now, []));
        await app.Services.GetRequiredService<SubjectIndex>().RecordAsync(
            subject, SubjectRecordKinds.Vote, SubmissionsTables.PollsName, pollId, VoteEntity.SubjectRowKey(subject), now, TestContext.Current.CancellationToken);
        List<TableTransactionAction> rows =
        [
            new(TableTransactionActionType.Add, Voter(pollId, first, "legacy-vote-1", firstReceipt.ReceiptId, now)),
            new(TableTransactionActionType.Add, Voter(pollId, second, "legacy-vote-2", secondReceipt.ReceiptId, now)),
            new(TableTransactionActionType.Add, new VoteEntity
            {
                PartitionKey = pollId, RowKey = VoteEntity.SubjectRowKey(subject), VoteId = "legacy-vote-2", OptionId = "red", SubjectKey = subject,
                TokenRowKey = second, ReceiptId = secondReceipt.ReceiptId, CreatedAt = now,
            }),
            .. firstReceipt.LedgerActions(pollId, null, "legacy-vote-1"),
            .. secondReceipt.LedgerActions(pollId, subject, "legacy-vote-2"),
            new(TableTransactionActionType.Add, new TallyShardEntity { PartitionKey = pollId, RowKey = TallyShardEntity.RowKeyFor(3), CountsJson = """{"red":12}""" }),
            new(TableTransactionActionType.Add, new PublishedResultsEntity
            {
                PartitionKey = pollId, CountsJson = JsonSerializer.Serialize(new Dictionary<string, long> { ["red"] = 10 }), TotalVotes = 10, PublishedAt = now,
            }),
        ];
        await polls.SubmitTransactionAsync(rows, TestContext.Current.CancellationToken);
    }

    private static VoteEntity Voter(string pollId, string rowKey, string voteId, string receiptId, DateTimeOffset now) =>
        new() { PartitionKey = pollId, RowKey = rowKey, VoteId = voteId, OptionId = "red", ReceiptId = receiptId, CreatedAt = now };
}
