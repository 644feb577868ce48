namespace Submissions.Benchmarks.Accounting;

/// <summary>
/// The storage work of many operations (a run, or the runs of a case merged): per operation round trips and stages,
/// entities per (table, partition) summed over the operations, and per operation the entities of its own busiest
/// partition. The busiest partition of the whole run ÷ operations is what a partition's throughput target divides:
/// when every operation lands in the same partition (one poll, one page) it is the per-operation figure; when each
/// lands in its own (a person's partition), it falls towards 0 as the run grows.
/// </summary>
internal sealed class StorageTally
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> partitions = new(StringComparer.Ordinal);
    private readonly List<(string Table, string Filter)> queries = [];

    public int Operations { get; private set; }

    public long RoundTrips { get; private set; }

    public long Stages { get; private set; }

    public int MaxStages { get; private set; }

    public long QueueSends { get; private set; }

    public long EntitiesReturned { get; private set; }

    /// <summary>The largest number of entities one operation touched in one partition.</summary>
    public long MaxPerOperation { get; private set; }

    /// <summary>Every query's table and $filter (the history scenario re-counts what their key ranges cover).</summary>
    public IReadOnlyList<(string Table, string Filter)> Queries
    {
        get
        {
            lock (gate)
            {
                return [.. queries];
            }
        }
    }

    public double RoundTripsPerOperation => Per(RoundTrips);

    public double StagesPerOperation => Per(Stages);

    public double QueueSendsPerOperation => Per(QueueSends);

    public double ReturnedPerOperation => Per(EntitiesReturned);

    /// <summary>The busiest (table, partition) of all the operations, and its entities ÷ operations.</summary>
    public (string Partition, double PerOperation) Busiest
    {
        get
        {
            lock (gate)
            {
                if (partitions.Count == 0)
                {
                    return ("—", 0);
                }

                var top = partitions.MaxBy(pair => pair.Value);
                return (top.Key, Per(top.Value));
            }
        }
    }

    /// <summary>Entities read or written in one table (named without the run's prefix), over all the operations.</summary>
    public long EntitiesIn(string table)
    {
        lock (gate)
        {
            return partitions.Where(pair => pair.Key.StartsWith(table + "/", StringComparison.Ordinal)).Sum(pair => pair.Value);
        }
    }

    public static StorageTally Merge(IEnumerable<StorageTally> tallies)
    {
        var merged = new StorageTally();
        foreach (var tally in tallies)
        {
            lock (tally.gate)
            {
                merged.Operations += tally.Operations;
                merged.RoundTrips += tally.RoundTrips;
                merged.Stages += tally.Stages;
                merged.MaxStages = Math.Max(merged.MaxStages, tally.MaxStages);
                merged.QueueSends += tally.QueueSends;
                merged.EntitiesReturned += tally.EntitiesReturned;
                merged.MaxPerOperation = Math.Max(merged.MaxPerOperation, tally.MaxPerOperation);
                merged.queries.AddRange(tally.queries);
                foreach (var (key, value) in tally.partitions)
                {
                    merged.partitions[key] = merged.partitions.GetValueOrDefault(key) + value;
                }
            }
        }

        return merged;
    }

    public void Add(OperationScope scope)
    {
        lock (gate)
        {
            Operations++;
            RoundTrips += scope.RoundTrips;
            Stages += scope.Stages;
            MaxStages = Math.Max(MaxStages, scope.Stages);
            QueueSends += scope.QueueSends;
            EntitiesReturned += scope.EntitiesReturned;
            queries.AddRange(scope.Queries);
            foreach (var (key, value) in scope.EntitiesByPartition)
            {
                partitions[key] = partitions.GetValueOrDefault(key) + value;
                MaxPerOperation = Math.Max(MaxPerOperation, value);
            }
        }
    }

    private double Per(long total) => Operations == 0 ? 0 : (double)total / Operations;
}
