using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Submissions.Benchmarks.Measuring;

namespace Submissions.Benchmarks.Scenarios.Forms;

/// <summary>
/// The floors of a form, into a table of their own through the app's own storage client (same retry options, same
/// counting policy): one AddEntity of its main row — the floor the ratio is taken to — one entity-group transaction
/// of the same rows the app's transaction writes, which shows how much of the gap is the transaction itself, and that
/// transaction with the form's other round trips around it in the same order (single-entity writes before, queue sends
/// after), which shows how much is the app's own work.
/// </summary>
internal static class BareOperations
{
    public const string AddMode = "bare AddEntity";

    public const string TransactionMode = "bare transaction";

    public const string SameRoundTripsMode = "bare, same round trips";

    public static LoadOperation Add(TableClient table, FormRows rows) => new(AddMode, i =>
    {
        var row = rows.MainRow(i);
        return async token => (await table.AddEntityAsync(row, token)).Status;
    });

    public static LoadOperation Transaction(TableClient table, FormRows rows) => new(TransactionMode, i =>
    {
        var actions = rows.Transaction(i);
        return async token => (await table.SubmitTransactionAsync(actions, token)).GetRawResponse().Status;
    });

    /// <summary>
    /// The bare transaction with the form's other round trips: <see cref="FormRows.WritesBefore"/> keys-only rows added
    /// one by one first (as the person's index row and a key marker are), <see cref="FormRows.SendsAfter"/> messages of the
    /// size of the app's (a JSON id) sent after — in sequence, as the form sends them.
    /// </summary>
    public static LoadOperation SameRoundTrips(TableClient table, QueueClient queue, FormRows rows) => new(SameRoundTripsMode, i =>
    {
        ArgumentNullException.ThrowIfNull(rows);
        var actions = rows.Transaction(i);
        var before = Enumerable.Range(0, rows.WritesBefore)
            .Select(k => new TableEntity("extra-" + i.ToString("D7", CultureInfo.InvariantCulture), "ref~" + k.ToString(CultureInfo.InvariantCulture)) { ["CreatedAt"] = DateTimeOffset.UtcNow })
            .ToList();
        var message = "{\"deliveryId\":\"" + Guid.NewGuid().ToString("N") + "\"}";
        return async token =>
        {
            foreach (var row in before)
            {
                await table.AddEntityAsync(row, token);
            }

            var status = (await table.SubmitTransactionAsync(actions, token)).GetRawResponse().Status;
            for (var k = 0; k < rows.SendsAfter; k++)
            {
                await queue.SendMessageAsync(message, token);
            }

            return status;
        };
    });
}
