using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Subjects;

/// <summary>
/// Holds access and erasure to their storage cost for a person with 50 records of all four kinds, counted by an Azure
/// SDK pipeline policy: reads by key only, so a bystander's rows in the same partitions never add a round trip.
/// </summary>
public sealed class SubjectRequestCostTests(AzuriteFixture azurite)
{
    private const int Comments = 17;
    private const int Votes = 16;
    private const int Entries = 16;

    [Fact]
    public async Task Access_and_erasure_of_a_person_with_50_records_cost_a_fixed_number_of_round_trips_per_record()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var bystander = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email));
        foreach (var submitter in new[] { email, bystander })
        {
            for (var i = 0; i < Comments; i++)
            {
                await app.PostCommentAsync(CommentForms.Body($"cost-page-{i}", email: submitter));
            }
        }

        for (var i = 0; i < Votes; i++)
        {
            var pollId = $"cost-poll-{i}";
            Assert.Equal(201, (await app.PutPollAsync(pollId, PollForms.Definition())).Status);
            await app.VoteAsync(pollId, PollForms.Vote("red", PollForms.NewVoterToken(), email));
            await app.VoteAsync(pollId, PollForms.Vote("red", PollForms.NewVoterToken(), bystander));
        }

        for (var i = 0; i < Entries; i++)
        {
            var promotionId = $"cost-promotion-{i}";
            Assert.Equal(201, (await app.PutPromotionAsync(promotionId, PromotionForms.Promotion())).Status);
            await app.EnterAsync(promotionId, PromotionForms.Entry(email, share: false));
            await app.EnterAsync(promotionId, PromotionForms.Entry(bystander, share: false));
        }

        var access = await app.Requests.CountAsync(async () => Assert.Equal(200, (await app.AccessAsync(email)).Status));
        var erasure = await app.Requests.CountAsync(async () => Assert.Equal(200, (await app.EraseAsync(email)).Status));

        const int outside = Comments + Votes + Entries;

        // Their partition and their disclosures; each record row and its partition's ledger range; the audit row.
        Assert.Equal(2 + (outside * 2) + 1, access);

        // Any earlier tombstone, and this one written; the same reads; one delete transaction per partition; their
        // partition in two (records, then index rows); their partition and disclosures read again to find nothing written
        // meanwhile; tombstone complete; the audit row. Issue 18: no pointer deletes (one per confirmed entry and one for
        // the registration before) — confirmation ids name their partition, so none were written. Issue 18: two point
        // reads of the export day index's state, before and after (no day is indexed here, so no pointer deletes follow).
        Assert.Equal(2 + 2 + (outside * 2) + outside + 2 + 2 + 1 + 1 + 2, erasure);
        TestContext.Current.TestOutputHelper?.WriteLine($"A person with {outside + 1} records: access {access} round trips, erasure {erasure}.");

        // The bystander lost nothing.
        var bundle = (await app.AccessAsync(bystander)).Json;
        Assert.Equal(Comments, bundle.GetProperty("comments").GetArrayLength());
        Assert.Equal(Votes, bundle.GetProperty("votes").GetArrayLength());
        Assert.Equal(Entries, bundle.GetProperty("promotionEntries").GetArrayLength());
    }
}
