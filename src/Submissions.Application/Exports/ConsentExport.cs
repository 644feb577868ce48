using System.Runtime.CompilerServices;
using Submissions.Application.Forms;
using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// consents: every ledger record by RecordedAt — the records themselves, not effective states (a withdrawal is its own
/// line, Granted = false with form withdrawal or opt-out). source says where it was recorded: "subject" (the person's own
/// partition, whose key is not exported), or the "page", "poll", "promotion" (any registered form's
/// <see cref="FormRegistration.ConsentSource"/>) of sourceId. Every registered form's tables are read.
/// </summary>
public sealed class ConsentExport(ExportQueries queries, FormRegistry forms) : IExportSource
{
    /// <summary>The source of a record in the person's own partition.</summary>
    public const string SubjectSource = "subject";

    private static readonly string[] Columns =
        ["source", "sourceId", "labelId", "version", "purpose", "partnerId", "granted", "state", "form", "recordedAt", "receiptId", "submissionId", "textSha256"];

    public string Kind => ExportKinds.Consents;

    public Task<ExportPlan> PlanAsync(ExportRange range, CancellationToken cancellationToken) =>
        Task.FromResult(new ExportPlan(Columns, (writer, token) => WritePagesAsync(range, writer, token)));

    private async IAsyncEnumerable<int> WritePagesAsync(ExportRange range, ExportRowWriter writer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in queries.ConsentPagesAsync(range, cancellationToken))
        {
            var form = forms.Forms.FirstOrDefault(form => form.Storage.Tables.Contains(page.Table, StringComparer.Ordinal));
            var source = form is null ? SubjectSource : form.ConsentSource ?? form.Kind;
            foreach (var record in page.Rows)
            {
                writer.BeginRow();
                writer.Text(source);
                writer.Text(source == SubjectSource ? null : form?.ConsentSourceId?.Invoke(record.Partition) ?? record.Partition);
                writer.Text(record.LabelId);
                writer.Number(record.Version);
                writer.Text(record.Purpose);
                writer.Text(record.PartnerId);
                writer.Flag(record.Granted);
                writer.Text(ConsentStates.Of(record.Granted, record.Form));
                writer.Text(record.Form);
                writer.Time(record.RecordedAt);
                writer.Text(record.ReceiptId);
                writer.Text(record.SubmissionId);
                writer.Text(record.TextSha256);
                writer.EndRow();
            }

            yield return page.Rows.Count;
        }
    }
}
