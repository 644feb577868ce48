using System.Globalization;
using Submissions.Benchmarks.Measuring;

namespace Submissions.Benchmarks.Reporting;

/// <summary>
/// The storage cost of each operation, counted by the accounting policy, and the ceiling it implies on Azure Table
/// Storage's documented scalability targets — computed here from the measured counts, with the arithmetic printed.
/// </summary>
internal static class StorageTable
{
    /// <summary>Entities per second one partition serves (Azure Table Storage's scalability target).</summary>
    public const double PartitionEntitiesPerSecond = 2_000;

    /// <summary>Requests per second one storage account serves (the same targets).</summary>
    public const double AccountRequestsPerSecond = 20_000;

    public static readonly string[] Columns =
    [
        "operation", "c", "ops", "round trips/op", "stages/op (max)", "queue sends/op", "entities returned/op",
        "busiest partition", "its entities/op", "max in one partition, one op", "ceiling on Azure",
    ];

    public const string Introduction =
        "Per operation, from the storage accounting policy (an Azure SDK pipeline policy per retry, each request charged to " +
        "the call that sent it through an `AsyncLocal` scope): round trips; sequential stages (a stage begins when a request " +
        "starts while none of the call's earlier requests is in flight: requests sent together share one); queue sends; " +
        "entities returned by its queries; and entities touched per (table, partition) — a point read or write is 1, an " +
        "entity-group transaction 1 per change-set part, a query the entities its answer returned (1 when it found none). " +
        "busiest partition: the (table, partition) with the most entities over all calls of the case; its entities/op: " +
        "that total ÷ calls — what one partition must serve per operation when traffic concentrates as it did here (one " +
        "poll, one promotion, one page); max in one partition, one op: the most one call touched in any one partition. " +
        "ceiling on Azure: min(2,000 entities/s per partition ÷ its entities/op, 20,000 requests/s per account ÷ round " +
        "trips/op) operations per second — computed from these counts, not measured on Azure.";

    public static IReadOnlyList<string> Row(StorageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var tally = row.Tally;
        var (partition, perOperation) = tally.Busiest;
        return
        [
            row.Operation,
            row.Concurrency,
            Units.Whole(tally.Operations),
            Units.Hundredths(tally.RoundTripsPerOperation),
            $"{Units.Hundredths(tally.StagesPerOperation)} ({tally.MaxStages})",
            Units.Hundredths(tally.QueueSendsPerOperation),
            Units.Hundredths(tally.ReturnedPerOperation),
            Shorten(partition),
            Units.Hundredths(perOperation),
            Units.Whole(tally.MaxPerOperation),
            Ceiling(perOperation, tally.RoundTripsPerOperation),
        ];
    }

    /// <summary>"min(2,000 ÷ 17.00, 20,000 ÷ 1.00) = 118/s": the arithmetic and its result.</summary>
    public static string Ceiling(double partitionEntitiesPerOperation, double roundTripsPerOperation)
    {
        var terms = new List<(string Text, double Value)>();
        if (partitionEntitiesPerOperation > 0)
        {
            terms.Add(($"2,000 ÷ {Units.Hundredths(partitionEntitiesPerOperation)}", PartitionEntitiesPerSecond / partitionEntitiesPerOperation));
        }

        if (roundTripsPerOperation > 0)
        {
            terms.Add(($"20,000 ÷ {Units.Hundredths(roundTripsPerOperation)}", AccountRequestsPerSecond / roundTripsPerOperation));
        }

        return terms.Count switch
        {
            0 => "— (no storage)",
            1 => $"{terms[0].Text} = {Units.Whole(terms[0].Value)}/s",
            _ => $"min({terms[0].Text}, {terms[1].Text}) = {Units.Whole(terms.Min(term => term.Value))}/s",
        };
    }

    /// <summary>Table and partition, cut to 40 characters (hash keys are long; they hold no personal data).</summary>
    private static string Shorten(string key) =>
        key.Length <= 40 ? Escape(key) : Escape(key[..40]) + "…";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("~", "\\~", StringComparison.Ordinal);

    public static StorageRow For(string operation, LoadSummary summary) =>
        new(operation, summary.Concurrency.ToString(CultureInfo.InvariantCulture), summary.Storage);
}
