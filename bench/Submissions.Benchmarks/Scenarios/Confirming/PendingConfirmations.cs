using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Application.Links;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Http;
using Submissions.Benchmarks.Measuring;
using Submissions.Functions.Http;
using Submissions.Storage.Confirmations;

namespace Submissions.Benchmarks.Scenarios.Confirming;

/// <summary>
/// Registrations and promotion entries wait for their owner's confirmation (docs/confirmation.md): what they store is a
/// pending row, and only the confirm link turns it into a member or an entry. These find the pending rows of a form in
/// its table — whatever partition they are in — and confirm them as their owners do: a POST to the signed link, the
/// link made by the app's own signer instead of read from the mail.
/// </summary>
internal static class PendingConfirmations
{
    public const string Mode = "confirm";

    /// <summary>Pending rows of <paramref name="form"/> in <paramref name="table"/>, keys and confirmation id only.</summary>
    public static async Task<List<string>> ConfirmationIdsAsync(TableClient table, string form, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {PendingSubmissionEntity.RowKeyPrefix} and RowKey lt {PendingSubmissionEntity.RowKeyPrefix + "~"} and Form eq {form}");
        var ids = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: [nameof(PendingSubmissionEntity.ConfirmationId)], cancellationToken: cancellationToken))
        {
            ids.Add(row.GetString(nameof(PendingSubmissionEntity.ConfirmationId)));
        }

        return ids;
    }

    /// <summary>
    /// POST /api/confirm?token=… through <see cref="ConfirmationFunctions.ConfirmAsync"/> for the next waiting id; 200
    /// with status "confirmed" is accepted, anything else (already confirmed, already entered, expired) is a refusal.
    /// </summary>
    public static LoadOperation Confirm(BenchApp app, ConcurrentQueue<string> waiting)
    {
        var links = app.Get<SignedLinks>();
        var functions = app.FunctionFactory<ConfirmationFunctions>();
        return new(Mode, _ =>
        {
            if (!waiting.TryDequeue(out var id))
            {
                throw new InvalidOperationException("More confirmations were asked for than submissions wait.");
            }

            var query = links.Confirm(id, DateTimeOffset.UtcNow.AddDays(30)).Query;
            return async token =>
            {
                var request = HttpCalls.Post("/api/confirm", query);
                var body = new MemoryStream();
                request.HttpContext.Response.Body = body;
                var status = await functions().ConfirmAsync(request, token).ExecuteAsync(request);
                return status == 200 && JsonDocument.Parse(body.ToArray()).RootElement.GetProperty("status").GetString() == "confirmed" ? 200 : 409;
            };
        });
    }
}
