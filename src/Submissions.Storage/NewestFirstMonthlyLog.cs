using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Submissions.Storage;

/// <summary>
/// Reads a log kept one partition per UTC month (yyyy-MM) with RowKeys that start with the inverted ticks of the
/// record's time (the audit log, the purge reports): newest first across months, only [start, end). The page token
/// names the month and storage's token within it, so each page starts where the last one stopped.
/// </summary>
internal static class NewestFirstMonthlyLog
{
    /// <summary>A year's range is 13 partitions: an empty month costs one request, so a page never stops for them alone.</summary>
    private const int MaxRoundTrips = 16;

    private const string MonthFormat = "yyyy-MM";

    public static async Task<ScanPage<T>> ReadAsync<T>(
        TableClient table, DateTimeOffset start, DateTimeOffset end, int pageSize, string? cursor, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var first = MonthOf(start);
        var last = MonthOf(end.AddTicks(-1));
        var (month, token) = (last, (string?)null);
        if (cursor is not null && (!TryParse(cursor, out month, out token) || month < first || month > last))
        {
            return ScanPages.Refused<T>();
        }

        // RowKey = inverted ticks (19 digits) + '~' + a suffix: newer sorts first, and at in [start, end) is this range.
        var lower = InvertedTicks(end.UtcTicks - 1);
        var upper = InvertedTicks(start.UtcTicks - 1);
        var items = new List<T>();
        for (var trip = 0; trip < MaxRoundTrips; trip++)
        {
            var remaining = pageSize - items.Count;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Name(month)} and RowKey ge {lower} and RowKey lt {upper}");
            Page<T>? page;
            try
            {
                page = await ScanPages.FirstPageAsync(table.QueryAsync<T>(filter, remaining, cancellationToken: cancellationToken), token, remaining);
            }
            catch (RequestFailedException ex) when (trip == 0 && PageToken.IsRefused(ex, token))
            {
                return ScanPages.Refused<T>();
            }

            items.AddRange(page?.Values ?? []);
            token = page?.ContinuationToken;
            if (token is null)
            {
                if (month == first)
                {
                    return new ScanPage<T>(items, null);
                }

                month = month.AddMonths(-1);
            }

            if (items.Count >= pageSize)
            {
                break;
            }
        }

        return new ScanPage<T>(items, Name(month) + ":" + token);
    }

    private static DateOnly MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);

    private static string Name(DateOnly month) => month.ToString(MonthFormat, CultureInfo.InvariantCulture);

    private static string InvertedTicks(long ticks) =>
        (DateTimeOffset.MaxValue.UtcTicks - ticks).ToString("D19", CultureInfo.InvariantCulture);

    private static bool TryParse(string cursor, out DateOnly month, out string? token)
    {
        token = null;
        month = default;
        if (cursor.Length < 8 || cursor[7] != ':'
            || !DateOnly.TryParseExact(cursor[..7], MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out month))
        {
            return false;
        }

        token = cursor.Length > 8 ? cursor[8..] : null;
        return true;
    }
}
