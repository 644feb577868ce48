using Submissions.Storage.Confirmations;
using Submissions.Storage.Retention;

namespace Submissions.Application.Retention;

/// <summary>
/// Submissions their owner never confirmed, past <c>Confirmation:ExpiryDays</c> (each row carries its own expiry):
/// the pending row, its receipt, its idempotency record and its pointer go; then pointers whose submission never
/// committed. A confirmation landing at the same moment wins (the row is deleted under the version read).
/// </summary>
public sealed class UnconfirmedSubmissionPurge(ConfirmationStore store) : IRetentionPurge
{
    public string Kind => PurgeKinds.UnconfirmedSubmissions;

    public int Order => RetentionOrder.FormRecords;

    // Each row carries its expiry: due is what expired by the run.
    public DateTimeOffset CutoffFor(DateTimeOffset ranAt) => ranAt;

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var removed = 0;
        await foreach (var pending in store.ListExpiredAsync(cutoff, cancellationToken))
        {
            if (await store.DeleteExpiredAsync(pending, cancellationToken))
            {
                removed++;
            }
        }

        await store.DeleteExpiredPointersAsync(cutoff, cancellationToken);

        return removed;
    }
}
