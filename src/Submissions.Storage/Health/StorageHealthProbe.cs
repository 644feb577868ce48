using Azure.Data.Tables;

namespace Submissions.Storage.Health;

/// <summary>Tells whether the app's storage answers in time: healthy or unhealthy per dependency.</summary>
public sealed class StorageHealthProbe(SubmissionsTables tables)
{
    public const string TablesDependency = "storage";

    /// <summary>Every dependency's health. A cancellation the caller asked for is thrown, not reported as unhealthy.</summary>
    public async Task<IReadOnlyList<DependencyHealth>> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        [await ProbeTablesAsync(timeout, cancellationToken)];

    /// <summary>
    /// A one-row read of the consent labels: a data-plane read, the same permission the app needs, not an account-level
    /// call it may not be granted.
    /// </summary>
    private async Task<DependencyHealth> ProbeTablesAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var pages = tables.ConsentLabels.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: deadline.Token).AsPages();
            await foreach (var _ in pages.WithCancellation(deadline.Token))
            {
                break;
            }

            return new DependencyHealth(TablesDependency, Healthy: true);
        }
        catch (Exception ex) when (StorageFailure.Is(ex, cancellationToken))
        {
            return new DependencyHealth(TablesDependency, Healthy: false, StorageFailure.Describe(ex).Status, ex.GetType().Name);
        }
    }
}
