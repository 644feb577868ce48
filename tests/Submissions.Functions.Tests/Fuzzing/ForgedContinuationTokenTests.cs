using System.Buffers.Text;
using System.Text;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// Regression from the fuzzer's continuation-token cases: a token the API never issued but that passes the wrapper's
/// check (base64url of printable text) reaches storage as a continuation. Azurite ignores what it cannot use; Azure
/// Table Storage answers 400 InvalidInput, which the listings turned into a 503 — a server error for a client's bad
/// input. <see cref="InvalidInputStorage"/> answers as Azure does.
/// </summary>
public sealed class ForgedContinuationTokenTests(AzuriteFixture azurite)
{
    // The storage SDK reads "{next partition key} {next row key}": these reach the service as a continuation. (One
    // without a space is not sent at all: the listing starts again from its first page.)
    [Theory]
    [InlineData("1!8!abc 1!8!def")]
    [InlineData("a b c")]
    [InlineData("' or PartitionKey ne ' x")]
    public async Task A_forged_token_that_storage_refuses_is_a_400_not_a_503(string storageToken)
    {
        using var storage = new InvalidInputStorage(azurite.ConnectionString, azurite.TablePort);
        await using var app = await TestApp.StartAsync(storage.ConnectionString, initializeStorage: false);
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(storageToken));

        var response = await app.ListCommentsAsync("some-page", "?continuationToken=" + forged);

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal(["paging"], response.ErrorFields);
        Assert.Contains(storage.Requests, line => line.Contains("NextPartitionKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_listings_that_take_a_token_answer_it_the_same_way()
    {
        using var storage = new InvalidInputStorage(azurite.ConnectionString, azurite.TablePort);
        await using var app = await TestApp.StartAsync(storage.ConnectionString, initializeStorage: false);
        var forged = "?continuationToken=" + Base64Url.EncodeToString("1!8!abc 1!8!def"u8);
        var request = HttpExchange.Request("GET", "/api/manage/deliveries", contentType: null, query: "?status=failed&" + forged[1..]);

        var moderation = await app.ModerationQueueAsync(forged);
        var deliveries = await app.Function<DeliveryAdminFunctions>().ListAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);

        Assert.Equal(["paging"], moderation.ErrorFields);
        Assert.Equal(["paging"], deliveries.ErrorFields);
    }

    [Fact]
    public async Task Storage_refusing_a_listing_without_a_client_token_is_still_a_503()
    {
        using var storage = new InvalidInputStorage(azurite.ConnectionString, azurite.TablePort);
        await using var app = await TestApp.StartAsync(storage.ConnectionString, initializeStorage: false);

        var response = await app.ListCommentsAsync("some-page");

        Assert.Equal(503, response.Status);
    }
}
