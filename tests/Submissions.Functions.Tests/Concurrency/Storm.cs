using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Concurrency;

/// <summary>Runs many calls at once and reads back what they left in storage, for the concurrency tests.</summary>
public static class Storm
{
    /// <summary>How many calls a storm makes at once (the figure).</summary>
    public const int Size = 50;

    /// <summary>
    /// Starts every call on the thread pool before awaiting any, so they really overlap (a plain Select would run each
    /// one synchronously up to its first await). An exception is what the host would turn into a 500: it fails the test.
    /// </summary>
    public static Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> call) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => call(i), TestContext.Current.CancellationToken)));

    /// <summary>The rows of one partition (a promotion's: all of its own, <see cref="PartitionFilters"/>), counted by kind: the row key up to its last '~' (or whole when it has none).</summary>
    public static async Task<Dictionary<string, int>> RowKindsAsync(this TableClient table, string partition)
    {
        ArgumentNullException.ThrowIfNull(table);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(PartitionFilters.Of(table, partition), select: ["RowKey"], cancellationToken: TestContext.Current.CancellationToken))
        {
            if (KeyMarkers.Is(row.RowKey))
            {
                continue;
            }

            var kind = Kind(row.RowKey);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        return kinds;
    }

    /// <summary>A row key's kind: "member", "receipt~", "consent~", "idem~", "voter~t~", "ref~", "meta~tally~", ...</summary>
    public static string Kind(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var first = rowKey.IndexOf('~', StringComparison.Ordinal);
        if (first < 0)
        {
            return rowKey;
        }

        // Voter and meta rows are told apart by their second segment; every other kind by its first.
        var prefix = rowKey[..(first + 1)];
        if (prefix is "voter~" or "meta~")
        {
            var second = rowKey.IndexOf('~', first + 1);
            return second < 0 ? rowKey : rowKey[..(second + 1)];
        }

        return prefix;
    }

    /// <summary>An Idempotency-Key header, new each call.</summary>
    public static Dictionary<string, string> NewKey() => new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

    /// <summary>Whether the answer is a replay of a stored first answer.</summary>
    public static bool IsReplay(this TestResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers["Idempotent-Replayed"].ToString() == "true";
    }
}
