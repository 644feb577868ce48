using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Submissions.Storage.Outbox;

namespace Submissions.Storage.PrivacyRequests;

/// <summary>
/// Self-service privacy requests (table <c>PrivacyRequests</c>, one row per request). Writing the row is the request's
/// one transaction: it is also the outbox row of the mail it owes.
/// </summary>
public sealed class PrivacyRequestStore(SubmissionsTables tables)
{
    /// <summary>Stores a new request, owing its link mail. One round trip; never reads anything about the person.</summary>
    public Task AddAsync(NewPrivacyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return tables.PrivacyRequests.AddEntityAsync(
            new PrivacyRequestEntity
            {
                PartitionKey = request.RequestId,
                Kind = request.Kind,
                SubjectKey = request.SubjectKey,
                Email = request.Email,
                CreatedAt = request.CreatedAt,
                ExpiresAt = request.ExpiresAt,
                MailOwedAt = request.CreatedAt,
            },
            cancellationToken);
    }

    /// <summary>The request, or null when there is none (never made, or purged). One point read.</summary>
    public async Task<PrivacyRequest?> FindAsync(string requestId, CancellationToken cancellationToken)
    {
        var row = await tables.PrivacyRequests.GetEntityIfExistsAsync<PrivacyRequestEntity>(
            requestId, PrivacyRequestEntity.RequestRowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } found ? new PrivacyRequest(found) : null;
    }

    /// <summary>
    /// The request as stored now, while it still owes the same mail; null when it is gone or moved on to its next mail
    /// (so a late "delivered" of one mail never overwrites the next one owed).
    /// </summary>
    public async Task<PrivacyRequest?> RereadAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var latest = await FindAsync(request.RequestId, cancellationToken);
        return latest?.MailStage == request.MailStage ? latest : null;
    }

    /// <summary>Writes the request under the version read; false when it changed or went meanwhile.</summary>
    public Task<bool> TryUpdateAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OutboxRows.TryReplaceAsync(tables.PrivacyRequests, request.Entity, cancellationToken);
    }

    /// <summary>Requests whose current mail has been owed since before <paramref name="cutoff"/>: one scan.</summary>
    public IAsyncEnumerable<PrivacyRequest> ListOwedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"MailStatus eq {OutboxStatus.Owed} and MailOwedAt lt {cutoff}"), cancellationToken);

    /// <summary>Requests not yet answered (awaiting confirmation or confirmed), oldest first: one scan.</summary>
    public IAsyncEnumerable<PrivacyRequest> ListOpenAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            TableClient.CreateQueryFilter($"Status eq {PrivacyRequestStatus.AwaitingConfirmation} or Status eq {PrivacyRequestStatus.Confirmed}"),
            cancellationToken);

    /// <summary>Requests never confirmed whose link expired before <paramref name="cutoff"/>, and those already marked expired: one scan.</summary>
    public IAsyncEnumerable<PrivacyRequest> ListExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        QueryAsync(
            TableClient.CreateQueryFilter(
                $"(Status eq {PrivacyRequestStatus.AwaitingConfirmation} and ExpiresAt le {cutoff}) or Status eq {PrivacyRequestStatus.Expired}"),
            cancellationToken);

    /// <summary>Deletes the request under the version read; false when it changed (a confirmation won) or went.</summary>
    public async Task<bool> TryDeleteAsync(PrivacyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await tables.PrivacyRequests.DeleteEntityAsync(request.Entity, request.Entity.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    private async IAsyncEnumerable<PrivacyRequest> QueryAsync(string filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in tables.PrivacyRequests.QueryAsync<PrivacyRequestEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return new PrivacyRequest(row);
        }
    }
}
