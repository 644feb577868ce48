using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// promotion-entries: entries by CreatedAt, with one fields.{name} column per field any promotion asks for (a field an
/// entry holds that no definition names goes to otherFields as JSON, so nothing is dropped), sharingAtEntry (what the
/// entrant answered) and sharingNow (their effective partner-sharing consent now).
/// </summary>
public sealed class PromotionEntryExport(ExportQueries queries, IOptions<ExportOptions> options) : IExportSource
{
    public string Kind => ExportKinds.PromotionEntries;

    public async Task<ExportPlan> PlanAsync(ExportRange range, CancellationToken cancellationToken)
    {
        var definitions = await queries.PromotionFieldsAsync(cancellationToken);
        var fieldNames = definitions
            .SelectMany(fields => fields)
            .Select(field => field.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] columns =
        [
            "entryId", "promotionId", "createdAt", "email", "name",
            .. fieldNames.Select(name => "fields." + name),
            "otherFields", "sharingAtEntry", "sharingNow", "receiptId",
        ];
        return new ExportPlan(columns, (writer, token) => WritePagesAsync(range, fieldNames, writer, token));
    }

    private async IAsyncEnumerable<int> WritePagesAsync(
        ExportRange range, IReadOnlyList<string> fieldNames, ExportRowWriter writer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each entry's effective sharing costs two range queries. They run a few at a time, ahead of the row being
        // written, and rows are written in the order storage returned them: latency is about one round trip per
        // LookupConcurrency entries, and no more than that many entries wait in memory beyond the page itself.
        var concurrency = Math.Max(1, options.Value.LookupConcurrency);
        var window = new Queue<(PromotionEntryExportRow Entry, Task<string?> SharingNow)>(concurrency);
        await foreach (var page in queries.PromotionEntryPagesAsync(range, cancellationToken))
        {
            foreach (var entry in page)
            {
                if (window.Count == concurrency)
                {
                    var (ready, sharing) = window.Dequeue();
                    Write(writer, fieldNames, ready, await sharing);
                }

                window.Enqueue((entry, SharingNowAsync(entry, cancellationToken)));
            }

            while (window.TryDequeue(out var pending))
            {
                Write(writer, fieldNames, pending.Entry, await pending.SharingNow);
            }

            yield return page.Count;
        }
    }

    /// <summary>
    /// Per sharing label the entrant answered with this entry, the newest record in the promotion's partition and in
    /// their own (where withdrawals go): granted when any still stands, else withdrawn when one was withdrawn, else
    /// declined. Null when the entry left no sharing record (its ledger already purged).
    /// </summary>
    private async Task<string?> SharingNowAsync(PromotionEntryExportRow entry, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(entry.SubjectKey))
        {
            return null;
        }

        var records = await queries.SharingRecordsAsync(entry.Partition, entry.SubjectKey, cancellationToken);
        var effective = records.InPromotion
            .Select(answered => answered.LabelId)
            .Distinct(StringComparer.Ordinal)
            .Select(labelId => records.InPromotion.Concat(records.InSubject).Where(record => record.LabelId == labelId).MaxBy(record => record.RecordedAt)!)
            .ToList();
        return effective.Count == 0 ? null
            : effective.Any(record => record.Granted) ? ConsentStates.Granted
            : effective.Any(record => ConsentStates.IsWithdrawal(record.Granted, record.Form)) ? ConsentStates.Withdrawn
            : ConsentStates.Declined;
    }

    private static void Write(ExportRowWriter writer, IReadOnlyList<string> fieldNames, PromotionEntryExportRow entry, string? sharingNow)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, string?>>(entry.FieldsJson) ?? [];
        writer.BeginRow();
        writer.Text(entry.EntryId);
        writer.Text(entry.PromotionId);
        writer.Time(entry.CreatedAt);
        writer.Text(entry.Email);
        writer.Text(entry.Name);
        foreach (var name in fieldNames)
        {
            writer.Text(fields.Remove(name, out var value) ? value : null);
        }

        writer.Text(fields.Count == 0 ? null : JsonSerializer.Serialize(fields));
        writer.Text(entry.SharingGranted ? ConsentStates.Granted : ConsentStates.Declined);
        writer.Text(sharingNow);
        writer.Text(entry.ReceiptId);
        writer.EndRow();
    }
}
