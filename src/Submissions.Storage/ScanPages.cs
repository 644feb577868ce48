using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage;

/// <summary>
/// Reads a page of a filtered query for an admin listing, following storage's own continuation for a few round trips so
/// a filter that scans (a RowKey with no PartitionKey) rarely answers an empty page.
/// </summary>
internal static class ScanPages
{
    /// <summary>At most this many storage requests per page; the client's next call carries on from the token.</summary>
    public const int MaxRoundTrips = 8;

    public static async Task<ScanPage<T>> ReadAsync<T>(TableClient table, string filter, int pageSize, string? storageToken, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var items = new List<T>();
        var token = storageToken;
        for (var trip = 0; trip < MaxRoundTrips && items.Count < pageSize; trip++)
        {
            var remaining = pageSize - items.Count;
            Page<T>? page;
            try
            {
                page = await FirstPageAsync(table.QueryAsync<T>(filter, remaining, cancellationToken: cancellationToken), token, remaining);
            }
            catch (RequestFailedException ex) when (trip == 0 && PageToken.IsRefused(ex, storageToken))
            {
                return ScanPages.Refused<T>();
            }

            items.AddRange(page?.Values ?? []);
            token = page?.ContinuationToken;
            if (token is null)
            {
                break;
            }
        }

        return new ScanPage<T>(items, token);
    }

    /// <summary>The answer to a token storage or this layer cannot use.</summary>
    public static ScanPage<T> Refused<T>() => new([], null) { TokenRefused = true };

    /// <summary>The first page from a token: one storage request.</summary>
    public static async Task<Page<T>?> FirstPageAsync<T>(AsyncPageable<T> query, string? token, int pageSize)
        where T : notnull
    {
        await foreach (var page in query.AsPages(token, pageSize))
        {
            return page;
        }

        return null;
    }
}
