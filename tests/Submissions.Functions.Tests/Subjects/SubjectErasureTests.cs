using Microsoft.Extensions.DependencyInjection;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Notices;
using Submissions.Storage.Polls;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Subjects;

/// <summary>POST manage/subjects/erase: nothing of the person is left but a tombstone, recipients are told, nothing is re-delivered.</summary>
public sealed class SubjectErasureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task After_erasure_no_table_holds_the_email_or_subject_key_except_the_tombstone()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);
        var bystander = RegistrationForms.NewEmail();
        await app.PostCommentAsync(CommentForms.Body(person.PageIds[0], "A bystander's comment.", "Bystander", bystander));
        await app.VoteAsync(person.PollId, PollForms.Vote("red", PollForms.NewVoterToken(), bystander));
        var subject = app.SubjectOf(person.Email).Value;
        Assert.Equal(200, (await app.WithdrawAsync(person.Email, "special-offers")).Status);

        var response = await app.EraseAsync(person.Email);

        Assert.Equal(200, response.Status);
        var removed = response.Json.GetProperty("removed");
        Assert.Equal(1, removed.GetProperty("registration").GetInt32());
        Assert.Equal(2, removed.GetProperty("comments").GetInt32());
        Assert.Equal(1, removed.GetProperty("votes").GetInt32());
        Assert.Equal(1, removed.GetProperty("promotionEntries").GetInt32());
        Assert.Equal(1, removed.GetProperty("deliveries").GetInt32());
        Assert.Equal(11, removed.GetProperty("consentRecords").GetInt32());
        Assert.Equal(1, removed.GetProperty("disclosures").GetInt32());

        var rows = await app.AllRowsAsync();
        string[] personal = [person.Email, subject, "Erin Example", "Text written by the person.", SubjectForms.EntryAnswer, "Some Gender"];
        var traces = rows.Where(pair => personal.Any(pair.Row.Mentions)).ToList();
        var tombstone = Assert.Single(traces);
        Assert.Equal(app.Tables.Subjects.Name, tombstone.Table);
        Assert.Equal(TombstoneEntity.TombstoneRowKey, tombstone.Row.RowKey);
        Assert.Equal(TombstoneEntity.Complete, tombstone.Row.GetString(nameof(TombstoneEntity.Status)));
        Assert.DoesNotContain("Erin", string.Join('|', tombstone.Row.Select(pair => pair.Value)), StringComparison.Ordinal);

        // The bystander is untouched, and the poll still counts both votes.
        Assert.Equal(200, (await app.AccessAsync(bystander)).Status);
        Assert.Single((await app.AccessAsync(bystander)).Json.GetProperty("comments").EnumerateArray());
        Assert.Equal(2, (await app.TalliesAsync(person.PollId)).Total);
        Assert.Equal(409, (await app.VoteAsync(person.PollId, PollForms.Vote("red", person.VoterToken))).Status);

        // What stays of their vote is a bare marker under the token's key (in its vote partition): no choice, no vote id, no receipt.
        var tokenRow = Assert.Single(rows, pair => VotePartitions.PollIdOf(pair.Row.PartitionKey) == person.PollId && pair.Row.RowKey.StartsWith("voter~t~", StringComparison.Ordinal)
            && !pair.Row.ContainsKey("OptionId"));
        Assert.DoesNotContain(tokenRow.Row.Keys, key => key is "VoteId" or "ReceiptId" or "CreatedAt" or "SubjectKey");
    }

    [Fact]
    public async Task An_erasure_while_a_delivery_is_posting_waits_for_it_then_tells_that_partner_and_keeps_no_disclosure()
    {
        // The partner holds the lead until the first erasure has answered, however long that takes on a loaded machine;
        // the attempt timeout is longer still, so the delivery does not give up on it meanwhile.
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Delivery:AttemptTimeoutSeconds"] = "40" });
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var partnerAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (email, delivering) = await app.StartSlowDeliveryAsync(receiver, partnerAnswers.Task);

        // The lead is on the wire: telling the partner now could overtake it, so the erasure leaves it to be repeated.
        TestResponse during;
        try
        {
            during = await app.EraseAsync(email);
        }
        finally
        {
            partnerAnswers.TrySetResult();
        }

        Assert.Equal(503, during.Status);
        Assert.False(string.IsNullOrEmpty(during.Headers.RetryAfter.ToString()));
        Assert.Empty(await app.Tables.Notices.RowsAsync());
        await delivering;
        var erasure = await app.EraseAsync(email);

        // Once the partner has answered, the repeated erasure tells it and removes the (completed) disclosure.
        Assert.Equal(200, erasure.Status);
        var owed = Assert.Single(erasure.Json.GetProperty("notices").EnumerateArray());
        var notice = Assert.Single(await app.Tables.Notices.RowsAsync());
        Assert.Equal(owed.GetProperty("noticeId").GetString(), notice.RowKey);
        Assert.Equal("subject.erased", notice.GetString("Type"));
        Assert.Equal(Assert.Single(receiver.Received).WebhookId, notice.GetString("DeliveryIds"));
        Assert.Equal(1, erasure.Json.GetProperty("removed").GetProperty("promotionEntries").GetInt32());
        Assert.Empty(await app.Tables.Disclosures.RowsAsync());
        var subject = app.SubjectOf(email).Value;
        Assert.Equal(TombstoneEntity.TombstoneRowKey, Assert.Single(await app.AllRowsAsync(), pair => pair.Row.Mentions(subject)).Row.RowKey);
    }

    [Fact]
    public async Task Erasure_notifies_exactly_the_partners_that_received_the_persons_data()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await SetUpSecondPartnerPromotionAsync(app);
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);
        Assert.Equal(201, (await app.EnterAsync("other-promotion", PromotionForms.Entry(person.Email, share: false, consents: OtherConsents(share: false)))).Status);
        var webhookId = Assert.Single(receiver.Received).WebhookId;

        var response = await app.EraseAsync(person.Email);

        var notice = Assert.Single(response.Json.GetProperty("notices").EnumerateArray());
        Assert.Equal("demo-partner", notice.GetProperty("partnerId").GetString());
        Assert.Equal("subject.erased", notice.GetProperty("type").GetString());
        var stored = Assert.Single(await app.Tables.Notices.RowsAsync());
        Assert.Equal("demo-partner", stored.PartitionKey);
        Assert.Equal(webhookId, stored.GetString(nameof(NoticeEntity.DeliveryIds)));
        Assert.Equal(NoticeEntity.Owed, stored.GetString(nameof(NoticeEntity.Status)));
        Assert.Contains(app.QueueMessages.Sent, message => message.Contains(notice.GetProperty("noticeId").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_old_delivery_message_after_erasure_sends_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());

        Assert.Equal(200, (await app.EraseAsync(email)).Status);
        await app.DeliverAsync(message);

        Assert.Empty(receiver.Received);
        Assert.Empty(await app.Tables.Disclosures.RowsAsync());
        Assert.Empty(await app.Tables.Notices.RowsAsync());
    }

    [Fact]
    public async Task An_entry_that_reappears_after_an_erasure_began_is_never_delivered_and_the_repeated_erasure_removes_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());

        // As if the entry committed just after an erasure had read the person's records: only the tombstone knows.
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await app.Tables.Subjects.UpsertEntityAsync(
            new TombstoneEntity { PartitionKey = app.SubjectOf(email).Value, ErasedAt = app.Time.GetUtcNow(), Status = TombstoneEntity.InProgress },
            cancellationToken: TestContext.Current.CancellationToken);
        await app.DeliverAsync(message);

        Assert.Empty(receiver.Received);
        Assert.Empty(await app.Tables.DeliveryFailures.RowsAsync());

        // ...and the admin's repeated erasure (it was left in progress) removes what it had not seen.
        Assert.Equal(200, (await app.EraseAsync(email)).Status);
        var subject = app.SubjectOf(email).Value;
        var traces = (await app.AllRowsAsync()).Where(pair => pair.Row.Mentions(email) || pair.Row.Mentions(subject)).ToList();
        Assert.Equal(TombstoneEntity.TombstoneRowKey, Assert.Single(traces).Row.RowKey);
        Assert.Equal(TombstoneEntity.Complete, Assert.Single(traces).Row.GetString(nameof(TombstoneEntity.Status)));
    }

    [Fact]
    public async Task A_run_stopped_part_way_finishes_with_its_first_time_and_erasing_again_returns_the_stored_report()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);
        var subject = app.SubjectOf(person.Email).Value;

        // As if an erasure had crashed after its tombstone and notice, and one page's rows, were written.
        var startedAt = app.Time.GetUtcNow();
        await app.Tables.Subjects.UpsertEntityAsync(new TombstoneEntity { PartitionKey = subject, ErasedAt = startedAt, Status = TombstoneEntity.InProgress }, cancellationToken: TestContext.Current.CancellationToken);
        foreach (var row in (await app.Tables.Comments.RowsAsync()).Where(row => row.PartitionKey == person.PageIds[0]))
        {
            await app.Tables.Comments.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: TestContext.Current.CancellationToken);
        }

        app.Time.Advance(TimeSpan.FromMinutes(5));
        var resumed = await app.EraseAsync(person.Email);
        var again = await app.EraseAsync(person.Email);

        Assert.Equal(200, resumed.Status);
        Assert.Equal(startedAt, resumed.Json.GetProperty("erasedAt").GetDateTimeOffset());
        Assert.Equal(1, resumed.Json.GetProperty("removed").GetProperty("comments").GetInt32());
        Assert.Equal(200, again.Status);
        Assert.Equal(resumed.Body, again.Body);
        Assert.Single(await app.Tables.Notices.RowsAsync());
        var traces = (await app.AllRowsAsync()).Where(pair => pair.Row.Mentions(subject)).ToList();
        Assert.Equal(TombstoneEntity.TombstoneRowKey, Assert.Single(traces).Row.RowKey);
    }

    [Fact]
    public async Task Erasure_removes_pending_submissions_with_their_pointers_keys_and_confirmation_records()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var subject = app.SubjectOf(email).Value;
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email, "Confirmed Name"))).Status);
        var registration = await app.PostAsync(RegistrationForms.Body(email, "Pending Name"), confirm: false);
        var entry = await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true, name: "Pending Entrant"), key, confirm: false);
        // Issue 18: no pointer rows; the confirmation ids (which name where each submission is) are on the rows themselves.
        var confirmationIds = (await app.AllRowsAsync()).Select(pair => pair.Row.GetString("ConfirmationId")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        Assert.Equal(3, confirmationIds.Count);
        Assert.Empty(await app.Tables.Confirmations.RowsAsync());

        var response = await app.EraseAsync(email);

        Assert.Equal(200, response.Status);
        Assert.True(response.Json.GetProperty("complete").GetBoolean());
        // Issue 17: the pointers (a registration's names the subject key), the pending rows with their receipts and
        // the entry's key, and the confirmation record: nothing of the person is left but the tombstone.
        string[] personal = [email, subject, "Confirmed Name", "Pending Name", "Pending Entrant",
            registration.Json.GetProperty("id").GetString()!, entry.Json.GetProperty("id").GetString()!,
            registration.Json.GetProperty("receipt").GetProperty("id").GetString()!, entry.Json.GetProperty("receipt").GetProperty("id").GetString()!,
            .. confirmationIds];
        var trace = Assert.Single(await app.AllRowsAsync(), pair => personal.Any(pair.Row.Mentions));
        Assert.Equal((app.Tables.Subjects.Name, TombstoneEntity.TombstoneRowKey), (trace.Table, trace.Row.RowKey));
        Assert.Empty(await app.Tables.Confirmations.RowsAsync());
        Assert.DoesNotContain(await app.Tables.Promotions.RowsAsync(), row => row.RowKey.StartsWith("idem~", StringComparison.Ordinal));

        // Their links lead nowhere now, and no mail is sent for them (the mail reads the pending row when it sends).
        foreach (var id in confirmationIds)
        {
            Assert.Equal(410, (await app.ConfirmAsync(id)).Status);
        }
    }

    [Fact]
    public async Task An_index_row_of_a_submission_possibly_in_flight_keeps_the_erasure_open_until_it_settles()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var subject = app.SubjectOf(email).Value;
        await app.PostAsync(RegistrationForms.Body(email));

        // A comment whose index row is written but whose transaction has not committed yet.
        var pageId = CommentForms.NewPageId();
        var rowKey = Submissions.Storage.Comments.CommentEntity.NewRowKey(app.Time.GetUtcNow());
        await app.Services.GetRequiredService<SubjectIndex>().RecordAsync(
            subject, SubjectRecordKinds.Comment, "Comments", pageId, rowKey, app.Time.GetUtcNow(), TestContext.Current.CancellationToken);

        var first = await app.EraseAsync(email);
        Assert.Equal(503, first.Status);
        Assert.True(first.Headers.ContainsKey("Retry-After"));

        // It commits after all; the repeated erasure, once the grace has passed, finds and removes it.
        await app.Tables.Comments.AddEntityAsync(
            new Submissions.Storage.Comments.CommentEntity { PartitionKey = pageId, RowKey = rowKey, SubjectKey = subject, Email = email, Text = "Late", Status = "pending" },
            TestContext.Current.CancellationToken);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await app.EraseAsync(email);

        Assert.Equal(200, second.Status);
        Assert.Equal(1, second.Json.GetProperty("removed").GetProperty("comments").GetInt32());
        Assert.Equal(1, second.Json.GetProperty("removed").GetProperty("registration").GetInt32());
        Assert.Equal(TombstoneEntity.TombstoneRowKey, Assert.Single(await app.AllRowsAsync(), pair => pair.Row.Mentions(subject) || pair.Row.Mentions(email)).Row.RowKey);
    }

    [Fact]
    public async Task A_resumed_erasure_keeps_the_notices_it_owed_before_it_stopped()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);
        var subject = app.SubjectOf(person.Email).Value;
        var first = await app.EraseAsync(person.Email);
        var notice = Assert.Single(first.Json.GetProperty("notices").EnumerateArray()).GetProperty("noticeId").GetString();

        // As if the erasure had stopped after deleting the disclosures: in progress, its report so far on record.
        var tombstone = (await app.Tables.Subjects.GetEntityAsync<TombstoneEntity>(subject, TombstoneEntity.TombstoneRowKey, cancellationToken: TestContext.Current.CancellationToken)).Value;
        tombstone.Status = TombstoneEntity.InProgress;
        await app.Tables.Subjects.UpdateEntityAsync(tombstone, Azure.ETag.All, cancellationToken: TestContext.Current.CancellationToken);
        var resumed = await app.EraseAsync(person.Email);

        Assert.Equal(200, resumed.Status);
        Assert.Equal(notice, Assert.Single(resumed.Json.GetProperty("notices").EnumerateArray()).GetProperty("noticeId").GetString());
        Assert.Equal(2, resumed.Json.GetProperty("removed").GetProperty("comments").GetInt32());
        Assert.Equal(first.Json.GetProperty("erasedAt").GetDateTimeOffset(), resumed.Json.GetProperty("erasedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_person_can_come_back_after_erasure()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email));
        await app.EraseAsync(email);

        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email, "Back Again"))).Status);
        var bundle = (await app.AccessAsync(email)).Json;

        Assert.Equal("Back Again", bundle.GetProperty("registration").GetProperty("displayName").GetString());
        Assert.Equal(3, bundle.GetProperty("consents").GetArrayLength());
        Assert.True(bundle.TryGetProperty("lastErasedAt", out _));
    }

    private static readonly string[] PromotionForm = ["promotion"];
    private static readonly string[] EmailOnly = ["email"];

    internal static object[] OtherConsents(bool share) =>
    [
        new { labelId = "promotion-terms", version = 1, granted = true },
        new { labelId = "other-partner-sharing", version = 1, granted = share },
    ];

    /// <summary>A second partner with its own sharing label and promotion; its webhook is never called in these tests.</summary>
    internal static async Task SetUpSecondPartnerPromotionAsync(TestApp app)
    {
        Assert.Equal(201, (await app.PutPartnerAsync("other-partner", new { name = "Other Ltd", webhookUrl = "https://partner.example/hook", fields = EmailOnly, active = true })).Status);
        Assert.Equal(201, (await new ConsentLabelAdmin(app).PutAsync(
            "other-partner-sharing", "Share my email with Other Ltd.", false, PromotionForm, EmailOnly, "partner-sharing", "other-partner")).Status);
        Assert.Equal(201, (await app.PutPromotionAsync("other-promotion", PromotionForms.Promotion("other-partner", "other-partner-sharing"))).Status);
    }
}
