using Azure;
using Azure.Data.Tables;
using Submissions.Domain.Consent;

namespace Submissions.Storage.ConsentLabels;

public sealed class ConsentLabelStore(SubmissionsTables tables)
{
    /// <summary>Reads every version of every label. The catalog is small (tens of rows), and callers cache it.</summary>
    public async Task<ConsentCatalog> LoadCatalogAsync(CancellationToken cancellationToken)
    {
        var labels = new List<ConsentLabel>();
        await foreach (var entity in tables.ConsentLabels.QueryAsync<ConsentLabelEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            labels.Add(entity.ToLabel());
        }

        return new ConsentCatalog(labels);
    }

    public async Task<IReadOnlyList<ConsentLabel>> GetVersionsAsync(string labelId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {labelId}");
        var versions = new List<ConsentLabel>();
        await foreach (var entity in tables.ConsentLabels.QueryAsync<ConsentLabelEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            versions.Add(entity.ToLabel());
        }

        return versions;
    }

    /// <summary>
    /// Applies a planned change atomically: a new version and the retirement of the previous one are one
    /// entity-group transaction (same partition). Returns false when another writer got there first.
    /// </summary>
    public async Task<bool> TryApplyAsync(ConsentLabelChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
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
                actions.Add(new(TableTransactionActionType.UpdateMerge, StatusOnly(change.Superseded!), ETag.All));
                break;
            case ConsentLabelChangeKind.StatusChanged:
                actions.Add(new(TableTransactionActionType.UpdateMerge, StatusOnly(change.Label), ETag.All));
                break;
        }

        try
        {
            await tables.ConsentLabels.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
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
        var existing = await GetVersionsAsync(label.LabelId, cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            return false;
        }

        try
        {
            await tables.ConsentLabels.AddEntityAsync(ConsentLabelEntity.From(label), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private static TableEntity StatusOnly(ConsentLabel label) =>
        new(label.LabelId, ConsentLabelEntity.RowKeyFor(label.Version)) { [nameof(ConsentLabelEntity.Status)] = label.Status };
}
