using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Functions.Http;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Data-subject requests through the admin functions, and a person with one of everything to run them on.</summary>
public static class SubjectForms
{
    /// <summary>The promotion field value the person of <see cref="CreatePersonWithEverythingAsync"/> gives: found nowhere else.</summary>
    public const string EntryAnswer = "Turquoise";

    /// <summary>Waits (in real time) until a condition holds: for what another task does on its own.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 seconds.");
            await Task.Delay(20);
        }
    }

    public static async Task<TestResponse> AccessAsync(this TestApp app, string email, IDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.PostJson("/api/manage/subjects/access", new { email }, headers);
        return await app.Function<SubjectAdminFunctions>().AccessAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<TestResponse> EraseAsync(this TestApp app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.PostJson("/api/manage/subjects/erase", new { email });
        return await app.Function<SubjectAdminFunctions>().EraseAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<TestResponse> WithdrawAsync(this TestApp app, string email, string? labelId = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Without a label the property is left out (every consent); a null label is refused (issue 14, defect 16).
        var body = JsonSerializer.Serialize(new { email, labelId }, HttpExchange.JsonOptionsOmittingNulls);
        var request = HttpExchange.Request("POST", "/api/manage/subjects/withdraw", body);
        return await app.Function<SubjectAdminFunctions>().WithdrawAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    /// <summary>
    /// Registers the person (offers and demographics granted), comments twice, votes and enters the demo promotion
    /// sharing with the demo partner, and delivers that entry to <paramref name="receiverUrl"/>.
    /// </summary>
    public static async Task<Person> CreatePersonWithEverythingAsync(this TestApp app, string receiverUrl)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = RegistrationForms.NewEmail();
        await app.PointDemoPartnerAtAsync(receiverUrl);
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(
            email, "Erin Example", new { country = "FI", ageRange = "25-34", gender = "Some Gender" }, RegistrationForms.Consents(offers: true, demographics: true)))).Status);
        var pages = new[] { CommentForms.NewPageId(), CommentForms.NewPageId() };
        foreach (var page in pages)
        {
            Assert.Equal(201, (await app.PostCommentAsync(CommentForms.Body(page, "Text written by the person.", "Erin Example", email))).Status);
        }

        var pollId = await app.CreatePollAsync();
        var voterToken = PollForms.NewVoterToken();
        Assert.Equal(201, (await app.VoteAsync(pollId, PollForms.Vote("green", voterToken, email))).Status);
        Assert.Equal(201, (await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true, name: "Erin Example", fields: new { answer = EntryAnswer }))).Status);
        Assert.Equal(1, await app.DeliverAllAsync());
        return new Person(email, pages, pollId, voterToken);
    }

    /// <summary>
    /// An entry shared with the demo partner whose delivery is now posting to <paramref name="receiver"/>, which has
    /// received it and answers 204 only after a while — 800 ms, or once <paramref name="answerWhen"/> completes (set the
    /// app's Delivery:AttemptTimeoutSeconds above how long that takes): the window in which a withdrawal or erasure can
    /// race it.
    /// </summary>
    public static async Task<(string Email, Task Delivering)> StartSlowDeliveryAsync(this TestApp app, TestReceiver receiver, Task? answerWhen = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(receiver);
        await app.PointDemoPartnerAtAsync(receiver.Url);
        var email = RegistrationForms.NewEmail();
        await app.EnterAsync(PromotionForms.DemoPromotion, PromotionForms.Entry(email, share: true));
        var message = Assert.Single(await app.TakeDeliveryMessagesAsync());
        if (answerWhen is null)
        {
            receiver.Script(204, TimeSpan.FromMilliseconds(800));
        }
        else
        {
            receiver.Script(204, answerWhen);
        }

        var delivering = app.DeliverAsync(message);
        await WaitUntilAsync(() => !receiver.Received.IsEmpty);
        return (email, delivering);
    }

    /// <summary>Every row of every table the app uses, with the table it came from.</summary>
    public static async Task<List<(string Table, TableEntity Row)>> AllRowsAsync(this TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var rows = new List<(string, TableEntity)>();
        foreach (var table in app.Tables.All)
        {
            rows.AddRange((await table.RowsAsync()).Select(row => (table.Name, row)));
        }

        return rows;
    }

    /// <summary>Whether any key or column of the row contains the value (case-insensitive).</summary>
    public static bool Mentions(this TableEntity row, string value)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.PartitionKey.Contains(value, StringComparison.OrdinalIgnoreCase)
            || row.RowKey.Contains(value, StringComparison.OrdinalIgnoreCase)
            || row.Select(pair => pair.Value).OfType<string>().Any(text => text.Contains(value, StringComparison.OrdinalIgnoreCase));
    }
}

public sealed record Person(string Email, IReadOnlyList<string> PageIds, string PollId, string VoterToken);
