namespace Submissions.Benchmarks.Accounting;

/// <summary>
/// The storage work of one operation (one call of a load run): its requests, its sequential stages — a stage begins when
/// a request starts while none of the operation's earlier requests is still in flight, so requests sent together (a
/// Task.WhenAll) share a stage — and the entities it touched per (table, partition). Closed by <see cref="Dispose"/>,
/// which hands the figures to the run's <see cref="StorageTally"/>.
/// </summary>
internal sealed class OperationScope(StorageTally tally) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> entities = new(StringComparer.Ordinal);
    private readonly List<(string Table, string Filter)> queries = [];
    private int inFlight;
    private bool open = true;

    public bool IsOpen
    {
        get
        {
            lock (gate)
            {
                return open;
            }
        }
    }

    public int RoundTrips { get; private set; }

    public int Stages { get; private set; }

    public int QueueSends { get; private set; }

    public long EntitiesReturned { get; private set; }

    public IReadOnlyDictionary<string, long> EntitiesByPartition => entities;

    /// <summary>Each query's table and $filter, in the order sent.</summary>
    public IReadOnlyList<(string Table, string Filter)> Queries => queries;

    public void RequestStarted()
    {
        lock (gate)
        {
            if (inFlight == 0)
            {
                Stages++;
            }

            inFlight++;
            RoundTrips++;
        }
    }

    public void RequestEnded(RequestKind kind, IReadOnlyList<EntityTouch> touches, int returned, (string Table, string Filter)? query)
    {
        lock (gate)
        {
            inFlight--;
            if (query is { } sent)
            {
                queries.Add(sent);
            }

            QueueSends += kind == RequestKind.QueueSend ? 1 : 0;
            EntitiesReturned += returned;
            foreach (var touch in touches)
            {
                entities[touch.Key] = entities.GetValueOrDefault(touch.Key) + touch.Entities;
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (!open)
            {
                return;
            }

            open = false;
        }

        tally.Add(this);
    }
}
