using Submissions.Application.Retention;
using Submissions.Storage.PrivacyRequests;
using Submissions.Storage.Retention;

namespace Submissions.Application.PrivacyRequests;

/// <summary>
/// Requests never confirmed, past their link's expiry (each row carries its own): the row goes — with the address it
/// held — under the version read, so a confirmation landing at the same moment wins; each is audited as expired.
/// Confirmed and completed requests stay, without an address once answered, as the record of what was asked and done.
/// </summary>
public sealed class PrivacyRequestPurge(PrivacyRequestStore store, PrivacyRequestAudit audit) : IRetentionPurge
{
    public string Kind => PurgeKinds.PrivacyRequests;

    public int Order => RetentionOrder.FormRecords;

    public DateTimeOffset CutoffFor(DateTimeOffset ranAt) => ranAt;

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var removed = 0;
        await foreach (var request in store.ListExpiredAsync(cutoff, cancellationToken))
        {
            if (await store.TryDeleteAsync(request, cancellationToken))
            {
                await audit.RecordAsync(PrivacyRequestAudit.Expired, request.Kind, request.SubjectKey, 0, cancellationToken);
                removed++;
            }
        }

        return removed;
    }
}
