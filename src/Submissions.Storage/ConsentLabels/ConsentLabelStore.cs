using Azure;
using Azure.Data.Tables;
using Submissions.Domain.Consent;

namespace Submissions.Storage.ConsentLabels;

/// <summary>The consent labels, every version kept: one partition per label, one row per version.</summary>
public sealed class ConsentLabelStore(SubmissionsTables tables)
{
    /// <summary>Reads every version of every label. The catalog is small (tens of rows), and callers cache it.</summary>
    public async Task<ConsentCatalog> LoadCatalogAsync(CancellationToken cancellationToken)
    {
        var labels = new List<ConsentLabel>();
        await foreach (var entity in tables.ConsentLabels.QueryAsync<ConsentLabelEntity>(cancellationToken: cancellationToken))
        {
            labels.Add(entity.ToLabel());
        }

        return new ConsentCatalog(labels);
    }

    public async Task<IReadOnlyList<ConsentLabel>> GetVersionsAsync(string labelId, CancellationToken cancellationToken) =>
        (await GetHistoryAsync(labelId, cancellationToken)).Versions;

    /// <summary>Every version of one label, with the version of the latest so a change can be made conditional on it.</summary>
    public async Task<ConsentLabelHistory> GetHistoryAsync(string labelId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {labelId}");
        var versions = new List<ConsentLabel>();
        var latestETag = default(ETag);
        await foreach (var entity in tables.ConsentLabels.QueryAsync<ConsentLabelEntity>(filter, cancellationToken: cancellationToken))
        {
            versions.Add(entity.ToLabel());
            latestETag = entity.ETag; // Rows arrive in RowKey order, and the RowKey is the zero-padded version.
        }

        return new ConsentLabelHistory(versions) { LatestETag = latestETag };
    }

    /// <summary>
    /// Applies a planned change atomically: a new version and the retirement of the previous one are one
    /// entity-group transaction (same partition), and any change to the latest version is conditional on the ETag it
    /// was planned from. Returns false when another writer got there first; the caller re-reads and re-plans.
    /// </summary>
    public async Task<bool> TryApplyAsync(ConsentLabelChange change, ConsentLabelHistory plannedFrom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(plannedFrom);
        var actions = new List<TableTransactionAction>();
        switch (change.Kind)
        {
            case ConsentLabelChangeKind.Unchanged:
                return true;
            case ConsentLabelChangeKind.Created:
                actions.Add(new(TableTransactionActionType.Add, ConsentLabelEntity.From(change.Label)));
                break;
            case ConsentLabelChangeKind.NewVersion:
                actions.Add(new(TableTransactionActionType.Add, ConsentLabelEntity.From(change.Label)));
                actions.Add(new(TableTransactionActionType.UpdateMerge, StatusOnly(change.Superseded!), plannedFrom.LatestETag));
                break;
            case ConsentLabelChangeKind.StatusChanged:
                actions.Add(new(TableTransactionActionType.UpdateMerge, StatusOnly(change.Label), plannedFrom.LatestETag));
                break;
        }

        try
        {
            await tables.ConsentLabels.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Adds version 1 of a label unless the label already exists. Used by the idempotent demo seed.</summary>
    public async Task<bool> TryAddFirstVersionAsync(ConsentLabel label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(label);
        try
        {
            await tables.ConsentLabels.AddEntityAsync(ConsentLabelEntity.From(label), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The status and when the version was retired: the rest of a version never changes.</summary>
    private static TableEntity StatusOnly(ConsentLabel label)
    {
        var entity = new TableEntity(label.LabelId, ConsentLabelEntity.RowKeyFor(label.Version)) { [nameof(ConsentLabelEntity.Status)] = label.Status };
        if (label.RetiredAt is { } retiredAt)
        {
            entity[nameof(ConsentLabelEntity.RetiredAt)] = retiredAt;
        }

        return entity;
    }
}
