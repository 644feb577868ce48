using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Measuring;
using Submissions.Domain.Delivery;

namespace Submissions.Benchmarks.Scenarios.Deliveries;

/// <summary>
/// The honest floor of a delivery: the least storage a delivery that never posts twice and never loses one needs — read
/// the owed row (which carries what is to be sent), claim it under its ETag, and after the partner's 2xx mark it
/// delivered — three round trips in sequence around the same signed POST, through the app's own table client (same
/// retry options, same accounting), on rows of a table of its own seeded before timing.
/// </summary>
internal static class MinimalDelivery
{
    public const string Mode = "minimal: 3 round trips + POST";

    private const string Partition = "minimal-floor";

    public const string Note =
        "minimal: 3 round trips + POST is the honest floor — a delivery that reads its owed row (carrying the lead), claims " +
        "it under its ETag, posts the same signed bytes and marks the row delivered: three storage round trips in three " +
        "stages around the POST, rows seeded before timing in a table of its own through the app's table client. A delivery " +
        "that also records the disclosure, checks the consent and the erasure tombstone needs more unless those travel " +
        "with the owed row.";

    public static async Task<LoadOperation> PrepareAsync(BenchApp app, HttpClient client, Uri url, int payloadBytes, int calls, CancellationToken cancellationToken)
    {
        var table = app.Get<TableServiceClient>().GetTableClient(app.TablePrefix + "BareDeliveries");
        await table.CreateIfNotExistsAsync(cancellationToken);
        foreach (var block in Enumerable.Range(0, calls + 1).Chunk(100))
        {
            var rows = block.Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, RowKey(i))
            {
                ["Status"] = "owed",
                ["Payload"] = new string('x', payloadBytes),
            }));
            await table.SubmitTransactionAsync(rows, cancellationToken);
        }

        var next = -1;
        return new(Mode, _ =>
        {
            var row = RowKey(Interlocked.Increment(ref next));
            var secret = RandomNumberGenerator.GetBytes(32);
            return async token =>
            {
                var owed = (await table.GetEntityAsync<TableEntity>(Partition, row, cancellationToken: token)).Value;
                owed["Status"] = "claimed";
                var claimed = await table.UpdateEntityAsync(owed, owed.ETag, TableUpdateMode.Merge, token);
                var status = await PostAsync(client, url, secret, row, owed.GetString("Payload"), token);
                owed["Status"] = "delivered";
                await table.UpdateEntityAsync(owed, claimed.Headers.ETag ?? ETag.All, TableUpdateMode.Merge, token);
                return status;
            };
        });
    }

    private static async Task<int> PostAsync(HttpClient client, Uri url, byte[] secret, string id, string payload, CancellationToken cancellationToken)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(payload);
        var timestamp = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, id, timestamp, body));
        using var response = await client.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    private static string RowKey(int i) => "owed~" + i.ToString("D7", CultureInfo.InvariantCulture);
}
