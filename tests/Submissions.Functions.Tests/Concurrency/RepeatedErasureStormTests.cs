using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Concurrency;

/// <summary>
/// An admin (or a script) sending the same erasure 50 times at once. One erasure runs; the others either find it
/// finished and return its stored report, or answer the documented 503 with Retry-After ("repeat it"). Repeated after
/// the storm it is the one finished report; the partner that received the person's data is owed one notice, not one
/// per request, and the tombstone's report counts each record once.
/// </summary>
public sealed class RepeatedErasureStormTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Fifty_erasures_of_one_person_at_once_make_one_erasure_with_one_notice_and_one_report()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        await using var receiver = await TestReceiver.StartAsync(app.SigningSecret(), app.Time);
        var person = await app.CreatePersonWithEverythingAsync(receiver.Url);
        var webhookId = Assert.Single(receiver.Received).WebhookId;

        var responses = await Storm.RunAsync(Storm.Size, _ => app.EraseAsync(person.Email));
        var repeated = await app.EraseAsync(person.Email);

        Assert.All(responses, response => Assert.True(response.Status is 200 or 503, $"status {response.Status}"));
        Assert.All(responses.Where(response => response.Status == 503), response => Assert.True(int.Parse(response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0));
        Assert.Equal(200, repeated.Status);
        Assert.All(responses.Where(response => response.Status == 200), response => Assert.Equal(repeated.Body, response.Body));

        var report = repeated.Json;
        Assert.True(report.GetProperty("complete").GetBoolean());
        var removed = report.GetProperty("removed");
        Assert.Equal(1, removed.GetProperty("registration").GetInt32());
        Assert.Equal(2, removed.GetProperty("comments").GetInt32());
        Assert.Equal(1, removed.GetProperty("votes").GetInt32());
        Assert.Equal(1, removed.GetProperty("promotionEntries").GetInt32());
        Assert.Equal(1, removed.GetProperty("disclosures").GetInt32());
        var notice = Assert.Single(report.GetProperty("notices").EnumerateArray());
        var stored = Assert.Single(await app.Tables.Notices.RowsAsync());
        Assert.Equal(notice.GetProperty("noticeId").GetString(), stored.RowKey);
        Assert.Equal(webhookId, stored.GetString("DeliveryIds"));

        // The partner is told once, and nothing of the person is left but the finished tombstone.
        Assert.Equal(1, await app.DeliverAllNoticesAsync());
        Assert.Equal(2, receiver.Received.Count);
        var subject = app.SubjectOf(person.Email).Value;
        var trace = Assert.Single(await app.AllRowsAsync(), pair => pair.Row.Mentions(subject) || pair.Row.Mentions(person.Email));
        Assert.Equal(TombstoneEntity.TombstoneRowKey, trace.Row.RowKey);
        Assert.Equal(TombstoneEntity.Complete, trace.Row.GetString(nameof(TombstoneEntity.Status)));
    }
}
