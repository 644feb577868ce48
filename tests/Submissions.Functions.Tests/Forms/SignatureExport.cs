using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Submissions.Application.Exports;
using Submissions.Storage;
using Submissions.Storage.Exports;

namespace Submissions.Functions.Tests.Forms;

/// <summary>signatures: every signature created in the range, one storage page at a time (the signer's email is not exported).</summary>
public sealed class SignatureExport(SubmissionsTables tables) : IExportSource
{
    private static readonly string[] Columns = ["signatureId", "petitionId", "name", "createdAt", "receiptId"];

    public string Kind => PetitionForm.ExportKind;

    public Task<ExportPlan> PlanAsync(ExportRange range, CancellationToken cancellationToken) =>
        Task.FromResult(new ExportPlan(Columns, (writer, token) => WritePagesAsync(range, writer, token)));

    private async IAsyncEnumerable<int> WritePagesAsync(ExportRange range, ExportRowWriter writer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {SignatureStore.RowKeyPrefix} and RowKey lt {SignatureStore.RowKeyPrefix + "~"} and CreatedAt ge {range.From} and CreatedAt lt {range.To}");
        var pages = tables.ByName(PetitionForm.Table).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).AsPages();
        await foreach (var page in pages)
        {
            foreach (var row in page.Values)
            {
                writer.BeginRow();
                writer.Text(row.GetString("SignatureId"));
                writer.Text(row.PartitionKey);
                writer.Text(row.GetString("Name"));
                writer.Time(row.GetDateTimeOffset("CreatedAt"));
                writer.Text(row.GetString("ReceiptId"));
                writer.EndRow();
            }

            yield return page.Values.Count;
        }
    }
}
