using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// A registration: of a new member (the consent catalog warm or cold), or again of one already stored. Stored pending
/// (issue 17): the catalog when cold, the transaction, the confirmation mail's queue message — the same requests
/// whether the member exists or not (issue 18 removed the pointer before the transaction).
/// </summary>
public sealed class RegistrationInOutage(bool coldCatalog = false, bool existingMember = false)
    : OutageSubmission(existingMember ? "re-registration" : coldCatalog ? "registration (cold catalog)" : "registration", coldCatalog)
{
    private readonly string email = RegistrationForms.NewEmail();

    public override string OneRecord => RecordShapes.Registration;

    public override string PendingRecord => RecordShapes.PendingRegistration;

    public override Task<TestResponse> SubmitAsync() => App.PostAsync(Body(), Key);

    public override Task<TestResponse> SubmitPendingAsync() => App.PostAsync(Body(), Key, confirm: false);

    public override Task<string?> PendingConfirmationIdAsync(TestResponse answer) => PendingConfirmationIdAsync(answer, App.Tables.Subjects, App.SubjectOf(email).Value);

    public override async Task AssertUnchangedAsync()
    {
        if (existingMember)
        {
            Assert.Equal(("First Name", 1), await MemberAsync());
        }
    }

    public override async Task AssertStoredAsync() => Assert.Equal((existingMember ? "Second Name" : "Ada Lovelace", existingMember ? 2 : 1), await MemberAsync());

    protected override async Task SetUpAsync()
    {
        if (existingMember)
        {
            Assert.Equal(201, (await App.PostAsync(RegistrationForms.Body(email, "First Name"))).Status);
        }
    }

    private object Body() =>
        existingMember ? RegistrationForms.Body(email, "Second Name", consents: RegistrationForms.Consents(offers: true)) : RegistrationForms.Body(email);

    private async Task<(string?, int?)> MemberAsync()
    {
        var member = (await App.RowsOfAsync(email)).Single(row => row.RowKey == "member");
        return (member.GetString("DisplayName"), member.GetInt32("RegistrationCount"));
    }
}

/// <summary>A comment with an email and a key: the key's record read, its person's index row, then its page's transaction.</summary>
public sealed class CommentInOutage() : OutageSubmission("comment")
{
    private readonly string email = RegistrationForms.NewEmail();
    private readonly string pageId = CommentForms.NewPageId();

    public override string OneRecord => RecordShapes.Comment;

    public override Task<TestResponse> SubmitAsync() => App.PostCommentAsync(CommentForms.Body(pageId, email: email), Key);

    /// <summary>A retried comment has a new row key, so a failed try's index row stays behind, pointing at nothing.</summary>
    public override Task AssertStoredAsync() => AssertOneInAccessBundleAsync(email, "comments");
}

/// <summary>
/// A vote in the demo poll by token and email: the poll read (its rules, not cached in tests), the person's claim on the
/// poll (their index row), the transaction in the voter's vote partition.
/// </summary>
public sealed class VoteInOutage() : OutageSubmission("vote")
{
    private const string Poll = "demo-poll";
    private readonly string email = RegistrationForms.NewEmail();
    private readonly string token = PollForms.NewVoterToken();
    private long votesBefore;

    public override string OneRecord => RecordShapes.Vote;

    public override Task<TestResponse> SubmitAsync() => App.VoteAsync(Poll, PollForms.Vote("privacy", token, email), Key);

    public override async Task AssertUnchangedAsync() => Assert.Equal(votesBefore, await TotalAsync());

    public override async Task AssertStoredAsync()
    {
        Assert.Equal(votesBefore + 1, await TotalAsync());
        await AssertOneInAccessBundleAsync(email, "votes");
    }

    protected override async Task SetUpAsync() => votesBefore = await TotalAsync();

    private async Task<long> TotalAsync() => (await App.TalliesAsync(Poll)).Total;
}

/// <summary>
/// A demo-promotion entry sharing with the demo partner, stored pending (issue 17): the promotion read (the read cache is
/// off in tests), its key's marker, the person's index row, the transaction in their bucket (pending row, receipt, key's
/// record), the confirmation mail's queue message (issue 18: no key read, no pointer). Confirming it writes the entry and the delivery it owes, and sends that delivery's message.
/// </summary>
public sealed class EntryInOutage() : OutageSubmission("promotion entry")
{
    private readonly string email = RegistrationForms.NewEmail();

    public override string OneRecord => RecordShapes.Entry;

    public override string PendingRecord => RecordShapes.PendingEntry;

    public override Task<TestResponse> SubmitAsync() => App.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), Key);

    public override Task<TestResponse> SubmitPendingAsync() => App.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true), Key, confirm: false);

    public override Task<string?> PendingConfirmationIdAsync(TestResponse answer) => PendingConfirmationIdAsync(answer, App.Tables.Promotions, PromotionForms.DemoPromotion);

    /// <summary>The queue messages this app sent naming the entry's owed delivery.</summary>
    public async Task<int> MessagesSentAsync()
    {
        var entry = await App.Tables.Promotions.GetEntityAsync<TableEntity>(
            Submissions.Storage.Promotions.PromotionPartitions.ForEntrant(PromotionForms.DemoPromotion, App.SubjectOf(email).Value), "entry~" + App.SubjectOf(email).Value, cancellationToken: TestContext.Current.CancellationToken);
        var deliveryId = entry.Value.GetString("DeliveryId");
        return App.QueueMessages.Sent.Count(text => text.Contains(deliveryId, StringComparison.Ordinal));
    }

    /// <summary>Stored: its delivery is owed (a row of <see cref="OneRecord"/>) and its message was sent once.</summary>
    public override async Task AssertStoredAsync()
    {
        Assert.Equal(1, await MessagesSentAsync());
        await AssertOneInAccessBundleAsync(email, "promotionEntries");
    }
}
