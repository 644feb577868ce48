using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Retention;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Comments;

namespace Submissions.Functions.Tests.Retention;

/// <summary>A comment as posted: its public id, row key, receipt and person (null when sent without an email).</summary>
public sealed record PostedComment(string Id, string PageId, string RowKey, string ReceiptId, string? Subject);

/// <summary>Runs the purge and reads what storage holds, for the retention tests.</summary>
public static class RetentionData
{
    public static Task<RetentionRun> PurgeAsync(this TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<RetentionPurger>().PurgeAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<PostedComment> PostPendingCommentAsync(this TestApp app, string pageId, string? email)
    {
        ArgumentNullException.ThrowIfNull(app);
        var response = await app.PostCommentAsync(CommentForms.Body(pageId, email: email));
        Assert.Equal(201, response.Status);
        var id = response.Json.GetProperty("id").GetString()!;
        Assert.True(CommentIds.TryDecode(id, out _, out var rowKey));
        var receiptId = response.Json.GetProperty("receipt").GetProperty("id").GetString()!;
        return new PostedComment(id, pageId, rowKey, receiptId, email is null ? null : app.SubjectOf(email).Value);
    }

    public static async Task<List<TableEntity>> RowsAsync(TableClient table, string partition)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(PartitionFilters.Of(table, partition), cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every row of a table (each test app has its own tables), as "partition/row" keys.</summary>
    public static async Task<List<string>> KeysAsync(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: TestContext.Current.CancellationToken))
        {
            keys.Add($"{row.PartitionKey}/{row.RowKey}");
        }

        return keys;
    }

    public static async Task<bool> ExistsAsync(TableClient table, string partition, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(table);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: TestContext.Current.CancellationToken);
        return row.HasValue;
    }

    /// <summary>The purge report rows of one run.</summary>
    public static async Task<List<TableEntity>> ReportAsync(this TestApp app, RetentionRun run)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(run);
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"RunId eq {run.RunId}");
        await foreach (var row in app.Tables.PurgeReports.QueryAsync<TableEntity>(filter, cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static int CountOf(this IEnumerable<TableEntity> report, string kind) =>
        Assert.Single(report, row => row.GetString("Kind") == kind).GetInt32("Count")!.Value;
}
