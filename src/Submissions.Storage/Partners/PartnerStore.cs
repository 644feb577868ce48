using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage.Partners;

/// <summary>Partners in one partition each. Their signing secrets are configuration, never stored here.</summary>
public sealed class PartnerStore(SubmissionsTables tables)
{
    /// <summary>Conflicting writers of a health row (several instances failing at once) retry this often before giving up.</summary>
    private const int HealthWriteTries = 8;

    /// <summary>The partner with its health: one query of its partition's two rows.</summary>
    public async Task<StoredPartner?> GetAsync(string partnerId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partnerId} and (RowKey eq {PartnerEntity.PartnerRowKey} or RowKey eq {PartnerHealthEntity.HealthRowKey})");
        TableEntity? partner = null;
        var health = PartnerHealth.Healthy;
        await foreach (var row in tables.Partners.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == PartnerEntity.PartnerRowKey)
            {
                partner = row;
            }
            else
            {
                health = HealthOf(row);
            }
        }

        return partner is null ? null : PartnerOf(partner, health);
    }

    /// <summary>A page of partners in id order, each with its health: a page of partner rows, then one query for their health rows.</summary>
    public async Task<ScanPage<StoredPartner>> ListAsync(int pageSize, string? storageToken, CancellationToken cancellationToken)
    {
        var page = await ScanPages.ReadAsync<TableEntity>(
            tables.Partners, TableClient.CreateQueryFilter($"RowKey eq {PartnerEntity.PartnerRowKey}"), pageSize, storageToken, cancellationToken);
        if (page.TokenRefused || page.Items.Count == 0)
        {
            return page.Select(row => PartnerOf(row, PartnerHealth.Healthy));
        }

        var healthFilter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {page.Items[0].PartitionKey} and PartitionKey le {page.Items[^1].PartitionKey} and RowKey eq {PartnerHealthEntity.HealthRowKey}");
        var health = new Dictionary<string, PartnerHealth>(StringComparer.Ordinal);
        await foreach (var row in tables.Partners.QueryAsync<TableEntity>(healthFilter, cancellationToken: cancellationToken))
        {
            health[row.PartitionKey] = HealthOf(row);
        }

        return page.Select(row => PartnerOf(row, health.GetValueOrDefault(row.PartitionKey, PartnerHealth.Healthy)));
    }

    private static StoredPartner PartnerOf(TableEntity row, PartnerHealth health)
    {
        var fields = row.GetString(nameof(PartnerEntity.Fields)) ?? string.Empty;
        return new StoredPartner(
            row.PartitionKey,
            row.GetString(nameof(PartnerEntity.Name)) ?? string.Empty,
            row.GetString(nameof(PartnerEntity.WebhookUrl)) ?? string.Empty,
            fields.Length == 0 ? [] : fields.Split(','),
            row.GetBoolean(nameof(PartnerEntity.Active)) ?? false)
        {
            Health = health,
            UpdatedAt = row.GetDateTimeOffset(nameof(PartnerEntity.UpdatedAt)) ?? default,
        };
    }

    private static PartnerHealth HealthOf(TableEntity row) => new(
        row.GetInt32(nameof(PartnerHealthEntity.Failures)) ?? 0,
        row.GetDateTimeOffset(nameof(PartnerHealthEntity.FailingSince)),
        row.GetDateTimeOffset(nameof(PartnerHealthEntity.LastFailureAt)),
        row.GetDateTimeOffset(nameof(PartnerHealthEntity.PausedAt)),
        row.GetBoolean(nameof(PartnerHealthEntity.OnProbation)) ?? false);

    /// <summary>
    /// Changes the partner's health under the version read (a read, then a conditional write; again on a conflict with
    /// another instance). Returns the health before and after; <paramref name="change"/> returning its argument writes nothing.
    /// </summary>
    public async Task<(PartnerHealth Before, PartnerHealth After)> ChangeHealthAsync(
        string partnerId, Func<PartnerHealth, PartnerHealth> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var read = await tables.Partners.GetEntityIfExistsAsync<PartnerHealthEntity>(partnerId, PartnerHealthEntity.HealthRowKey, cancellationToken: cancellationToken);
            var before = read.HasValue ? read.Value!.ToHealth() : PartnerHealth.Healthy;
            var after = change(before);
            if (after == before)
            {
                return (before, after);
            }

            var row = PartnerHealthEntity.From(partnerId, after);
            try
            {
                if (read.HasValue)
                {
                    await tables.Partners.UpdateEntityAsync(row, read.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await tables.Partners.AddEntityAsync(row, cancellationToken);
                }

                return (before, after);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < HealthWriteTries)
            {
                // Another instance wrote it first: read it again and apply the change to theirs, after a short random
                // pause so instances failing together do not collide again in step.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Creates or replaces the partner; true when it was new.</summary>
    internal async Task<bool> UpsertAsync(PartnerEntity partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var existed = await GetAsync(partner.PartitionKey, cancellationToken) is not null;
        await tables.Partners.UpsertEntityAsync(partner, TableUpdateMode.Replace, cancellationToken);
        return !existed;
    }

    /// <summary>Creates or replaces the partner with what an admin set; true when it was new.</summary>
    public Task<bool> UpsertAsync(string partnerId, PartnerContent content, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        return UpsertAsync(
            new PartnerEntity
            {
                PartitionKey = partnerId,
                Name = content.Name,
                WebhookUrl = content.WebhookUrl,
                Fields = string.Join(',', content.Fields),
                Active = content.Active,
                UpdatedAt = updatedAt,
            },
            cancellationToken);
    }

    /// <summary>Whether the partner exists: one point read.</summary>
    public async Task<bool> ExistsAsync(string partnerId, CancellationToken cancellationToken) =>
        await GetAsync(partnerId, cancellationToken) is not null;
}
