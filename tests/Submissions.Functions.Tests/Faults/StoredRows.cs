using Azure.Data.Tables;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Faults;

/// <summary>One stored row: table (without the test prefix), keys and ETag.</summary>
public sealed record StoredRow(string Table, string PartitionKey, string RowKey, string ETag)
{
    /// <summary>"Table/kind", the kind being the row key up to its first '~' (member, receipt, consent, idem, ref, entry…).</summary>
    public string Kind => $"{Table}/{RowKey.Split('~')[0]}";
}

/// <summary>
/// Every row of an app's tables with its ETag. What a fault left behind is the difference between two of these: rows
/// added or replaced ("written") and rows gone.
/// </summary>
public sealed class StoredRows
{
    private readonly Dictionary<(string Table, string PartitionKey, string RowKey), StoredRow> rows;

    private StoredRows(Dictionary<(string, string, string), StoredRow> rows) => this.rows = rows;

    public static async Task<StoredRows> ReadAsync(TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var prefixLength = app.Tables.Subjects.Name.Length - Storage.SubmissionsTables.SubjectsName.Length;
        var rows = new Dictionary<(string, string, string), StoredRow>();
        foreach (var table in app.Tables.All)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: TestContext.Current.CancellationToken))
            {
                if (KeyMarkers.Is(row.RowKey))
                {
                    continue;
                }

                var stored = new StoredRow(table.Name[prefixLength..], row.PartitionKey, row.RowKey, row.ETag.ToString());
                rows[(stored.Table, stored.PartitionKey, stored.RowKey)] = stored;
            }
        }

        return new StoredRows(rows);
    }

    /// <summary>Rows added or replaced since <paramref name="before"/>.</summary>
    public IReadOnlyList<StoredRow> WrittenSince(StoredRows before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return [.. rows.Values.Where(row => !before.rows.TryGetValue((row.Table, row.PartitionKey, row.RowKey), out var old) || old.ETag != row.ETag)];
    }

    /// <summary>Rows that were there in <paramref name="before"/> and are gone.</summary>
    public IReadOnlyList<StoredRow> GoneSince(StoredRows before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return [.. before.rows.Values.Where(row => !rows.ContainsKey((row.Table, row.PartitionKey, row.RowKey)))];
    }

    /// <summary>Rows by kind, counted and sorted — how a test states what one record is made of: "Comments/comment×1, …".</summary>
    public static string Kinds(IEnumerable<StoredRow> rows) =>
        string.Join(", ", rows.GroupBy(row => row.Kind).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => $"{group.Key}×{group.Count()}"));
}
