using Azure.Data.Tables;

namespace Submissions.Storage.Partners;

/// <summary>Partners in one partition each. Their signing secrets are configuration, never stored here.</summary>
public sealed class PartnerStore(SubmissionsTables tables)
{
    public async Task<StoredPartner?> GetAsync(string partnerId, CancellationToken cancellationToken)
    {
        var row = await tables.Partners.GetEntityIfExistsAsync<PartnerEntity>(partnerId, PartnerEntity.PartnerRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? new StoredPartner(row.Value!.PartitionKey, row.Value.Name, row.Value.WebhookUrl, row.Value.FieldList, row.Value.Active) : null;
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
