using Azure.Data.Tables;
using Submissions.Benchmarks.Measuring;

namespace Submissions.Benchmarks.Scenarios.Forms;

/// <summary>
/// The floors of a form, into a table of their own through the app's own storage client (same retry options, same
/// counting policy): one AddEntity of its main row — the floor the ratio is taken to — and one entity-group transaction
/// of the same rows the app's transaction writes, which shows how much of the gap is the transaction itself.
/// </summary>
internal static class BareOperations
{
    public const string AddMode = "bare AddEntity";

    public const string TransactionMode = "bare transaction";

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
}
