using Submissions.Storage.Deliveries;
using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// disclosures: what was sent to which partner, by DisclosedAt — field names, consent proof and payload fingerprint,
/// never the values sent, nor the subject key the table is keyed by.
/// </summary>
public sealed class DisclosureExport(ExportQueries queries) : IExportSource
{
    private static readonly string[] Columns =
        ["deliveryId", "partnerId", "promotionId", "fieldNames", "consents", "receiptId", "webhookId", "payloadSha256", "attempts", "outcome", "disclosedAt"];

    public string Kind => ExportKinds.Disclosures;

    public Task<ExportPlan> PlanAsync(ExportRange range, CancellationToken cancellationToken) =>
        Task.FromResult(new ExportPlan(Columns, (writer, token) => WritePagesAsync(range, writer, token)));

    private IAsyncEnumerable<int> WritePagesAsync(ExportRange range, ExportRowWriter writer, CancellationToken cancellationToken) =>
        ExportPages.WriteAsync(queries.DisclosurePagesAsync(range, cancellationToken), writer, WriteRow, cancellationToken);

    private static void WriteRow(ExportRowWriter writer, StoredDisclosure disclosure)
    {
        writer.Text(disclosure.DeliveryId);
        writer.Text(disclosure.PartnerId);
        writer.Text(disclosure.PromotionId);
        writer.Text(disclosure.FieldNames);
        writer.Text(disclosure.Consents);
        writer.Text(disclosure.ReceiptId);
        writer.Text(disclosure.WebhookId);
        writer.Text(disclosure.PayloadSha256);
        writer.Number(disclosure.Attempts);
        writer.Text(disclosure.Outcome);
        writer.Time(disclosure.DisclosedAt);
    }
}
