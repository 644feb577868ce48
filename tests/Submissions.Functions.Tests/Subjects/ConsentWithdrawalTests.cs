using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Ledger;
using Submissions.Storage.Notices;

namespace Submissions.Functions.Tests.Subjects;

/// <summary>POST manage/subjects/withdraw: consents withdrawn on a person's behalf, with everything that follows from it.</summary>
public sealed class ConsentWithdrawalTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Withdrawing_one_label_appends_a_record_and_repeating_it_appends_nothing()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)));

        var first = await app.WithdrawAsync(email, "special-offers");
        var second = await app.WithdrawAsync(email, "special-offers");

        Assert.Equal(200, first.Status);
        var withdrawn = Assert.Single(first.Json.GetProperty("withdrawn").EnumerateArray());
        Assert.Equal("special-offers", withdrawn.GetProperty("labelId").GetString());
        Assert.Equal(200, second.Status);
        Assert.Empty(second.Json.GetProperty("withdrawn").EnumerateArray());
        var ledger = (await app.RowsOfAsync(email)).Where(row => row.GetString(nameof(ConsentRecordEntity.LabelId)) == "special-offers").ToList();
        Assert.Equal(2, ledger.Count);
        var newest = ledger.MaxBy(row => row.GetDateTimeOffset(nameof(ConsentRecordEntity.RecordedAt)))!;
        Assert.False(newest.GetBoolean(nameof(ConsentRecordEntity.Granted)));
        Assert.Equal("withdrawal", newest.GetString(nameof(ConsentRecordEntity.Form)));
        Assert.Equal(first.Json.GetProperty("receiptId").GetString(), newest.GetString(nameof(ConsentRecordEntity.ReceiptId)));
        Assert.Single(await app.Tables.Audit.RowsAsync(), row => row.GetString("Action") == "subject-withdrawal" && row.GetInt32("Count") == 1);
    }

    [Fact]
    public async Task Withdrawing_everything_drops_demographics_hides_comment_names_and_stops_an_owed_delivery_but_not_terms()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.PostAsync(RegistrationForms.Body(email, profile: new { country = "FI", ageRange = "25-34", gender = "Some Gender" }, consents: RegistrationForms.Consents(offers: true, demographics: true)));
        var pageId = CommentForms.NewPageId();
        await app.PostCommentAsync(CommentForms.Body(pageId, email: email));
        var commentId = (await app.ModerationQueueAsync()).Json.GetProperty("comments")[0].GetProperty("id").GetString()!;
        await app.ModerateAsync(commentId, approve: true);
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));

        var response = await app.WithdrawAsync(email);
        await app.DeliverAllAsync();

        Assert.Equal(
            ["demo-partner-sharing", "demographics", "public-display", "special-offers"],
            response.Json.GetProperty("withdrawn").EnumerateArray().Select(item => item.GetProperty("labelId").GetString()!));
        var member = Assert.Single(await app.RowsOfAsync(email), row => row.RowKey == "member");
        Assert.False(member.ContainsKey("Country") || member.ContainsKey("AgeRange") || member.ContainsKey("Gender"));
        Assert.Equal("Ada Lovelace", member.GetString("DisplayName"));
        var listed = Assert.Single((await app.ListCommentsAsync(pageId)).Json.GetProperty("comments").EnumerateArray());
        Assert.DoesNotContain("Commenter Name", listed.ToString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
        Assert.Empty(await app.Tables.Notices.RowsAsync());
    }

    [Fact]
    public async Task A_withdrawal_of_sharing_notifies_only_the_partners_that_received_data()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await SubjectErasureTests.SetUpSecondPartnerPromotionAsync(app);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        await app.DeliverAllAsync();
        await app.EnterAsync("other-promotion", PromotionForms.Entry(email, share: true, consents: SubjectErasureTests.OtherConsents(share: true)));
        _ = await app.TakeDeliveryMessagesAsync();

        var response = await app.WithdrawAsync(email);
        var repeated = await app.WithdrawAsync(email);

        Assert.Equal(2, response.Json.GetProperty("withdrawn").GetArrayLength());
        var notice = Assert.Single(response.Json.GetProperty("notices").EnumerateArray());
        Assert.Equal("demo-partner", notice.GetProperty("partnerId").GetString());
        Assert.Equal("consent.withdrawn", notice.GetProperty("type").GetString());
        var stored = Assert.Single(await app.Tables.Notices.RowsAsync());
        Assert.Equal(Assert.Single(receiver.Received).WebhookId, stored.GetString(nameof(NoticeEntity.DeliveryIds)));
        Assert.Equal("demo-partner-sharing:1", stored.GetString(nameof(NoticeEntity.Labels)));
        Assert.Equal(notice.GetProperty("noticeId").GetString(), Assert.Single(repeated.Json.GetProperty("notices").EnumerateArray()).GetProperty("noticeId").GetString());
        Assert.Single(app.QueueMessages.Sent, message => message.Contains("noticeId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_grant_given_with_one_entry_is_withdrawn_even_when_a_later_entry_declined_the_same_label()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        Assert.Equal(201, (await app.PutPromotionAsync("second-promotion", PromotionForms.Promotion())).Status);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.EnterAsync("second-promotion", PromotionForms.Entry(email, share: false));

        var response = await app.WithdrawAsync(email, "demo-partner-sharing");
        await app.DeliverAsync(message);

        Assert.Single(response.Json.GetProperty("withdrawn").EnumerateArray());
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_withdrawal_of_public_display_hides_the_name_even_when_a_later_comment_declined_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var pageId = CommentForms.NewPageId();
        await app.PostCommentAsync(CommentForms.Body(pageId, displayName: "Shown Name", email: email, consents: CommentForms.Consents(showName: true)));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), displayName: "Shown Name", email: email, consents: CommentForms.Consents(showName: false)));
        foreach (var comment in (await app.ModerationQueueAsync()).Json.GetProperty("comments").EnumerateArray())
        {
            await app.ModerateAsync(comment.GetProperty("id").GetString()!, approve: true);
        }

        Assert.Contains("Shown Name", (await app.ListCommentsAsync(pageId)).Body, StringComparison.Ordinal);
        await app.WithdrawAsync(email);

        Assert.DoesNotContain("Shown Name", (await app.ListCommentsAsync(pageId)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawal_while_a_delivery_is_posting_still_owes_the_notice_for_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var (email, delivering) = await app.StartSlowDeliveryAsync(receiver);

        var withdrawal = await app.WithdrawAsync(email, "demo-partner-sharing");
        await delivering;

        // The delivery recorded its disclosure as pending before it checked consent: the withdrawal saw it.
        var owed = Assert.Single(withdrawal.Json.GetProperty("notices").EnumerateArray());
        var notice = Assert.Single(await app.Tables.Notices.RowsAsync());
        Assert.Equal(owed.GetProperty("noticeId").GetString(), notice.RowKey);
        Assert.Equal("consent.withdrawn", notice.GetString("Type"));
        Assert.Equal(Assert.Single(receiver.Received).WebhookId, notice.GetString("DeliveryIds"));
        Assert.Equal("delivered", Assert.Single(await app.Tables.Disclosures.RowsAsync()).GetString("Outcome"));
    }

    [Fact]
    public async Task An_unknown_label_or_a_bad_email_is_a_clear_400()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var unknown = await app.WithdrawAsync(RegistrationForms.NewEmail(), "no-such-label");
        var invalid = await app.WithdrawAsync("nobody", "Not A Label!");

        Assert.Equal(400, unknown.Status);
        Assert.Equal(["labelId"], unknown.ErrorFields);
        Assert.Equal(400, invalid.Status);
        Assert.Equal(["email", "labelId"], invalid.ErrorFields.Order(StringComparer.Ordinal));
        Assert.Empty(await app.Tables.Audit.RowsAsync());
    }

}
