using Microsoft.Extensions.Options;
using Submissions.Storage.Retention;

namespace Submissions.Application.Retention;

/// <summary>Idempotency records past their age, in the tables of every registered form that holds them.</summary>
public sealed class IdempotencyRecordPurge(IdempotencyRetention idempotency, IOptions<RetentionOptions> options) : IRetentionPurge
{
    public string Kind => PurgeKinds.IdempotencyRecords;

    public int Order => RetentionOrder.IdempotencyRecords;

    public DateTimeOffset CutoffFor(DateTimeOffset ranAt) => ranAt.AddHours(-options.Value.IdempotencyHours);

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => idempotency.PurgeCreatedBeforeAsync(cutoff, cancellationToken);
}
