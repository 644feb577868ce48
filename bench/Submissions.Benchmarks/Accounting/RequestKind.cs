namespace Submissions.Benchmarks.Accounting;

/// <summary>What a storage request did, as far as its method and URL tell.</summary>
internal enum RequestKind
{
    /// <summary>GET of one entity by PartitionKey and RowKey.</summary>
    PointRead,

    /// <summary>Insert, update, merge, upsert or delete of one entity.</summary>
    PointWrite,

    /// <summary>An entity-group transaction (POST $batch).</summary>
    Transaction,

    /// <summary>A table query: its answer's entities are what it read.</summary>
    Query,

    /// <summary>A queue message sent (POST …/messages).</summary>
    QueueSend,

    /// <summary>Anything else: table or queue creation, a queue receive or delete, a blob.</summary>
    Other,
}
