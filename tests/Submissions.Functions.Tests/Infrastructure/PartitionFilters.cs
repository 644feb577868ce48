using Azure.Data.Tables;
using Submissions.Storage;
using Submissions.Storage.Promotions;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// What tests mean by "a partition": a promotion's rows are its own partition (the definition, entries stored before
/// issue 18) and its buckets (<see cref="PromotionPartitions"/>), so a promotion id names them all; any other partition is itself.
/// </summary>
public static class PartitionFilters
{
    public static string Of(TableClient table, string partition)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(partition);
        return table.Name.EndsWith(SubmissionsTables.PromotionsName, StringComparison.Ordinal) && !partition.Contains('~', StringComparison.Ordinal)
            ? $"({TableClient.CreateQueryFilter($"PartitionKey eq {partition}")} or ({PromotionPartitions.BucketsFilter(partition)}))"
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
    }
}
