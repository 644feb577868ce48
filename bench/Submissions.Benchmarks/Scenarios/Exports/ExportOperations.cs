using System.Globalization;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Submissions.Application.Exports;
using Submissions.Benchmarks.Hosting;
using Submissions.Benchmarks.Measuring;
using Submissions.Storage.Comments;

namespace Submissions.Benchmarks.Scenarios.Exports;

/// <summary>The two things compared: a bare SDK read of the comments an export selects, and the export itself.</summary>
internal static class ExportOperations
{
    // The filter and columns of ExportQueries.CommentPagesAsync, rebuilt here because that class keeps them private. If
    // they drift apart the row counts differ, and the scenario stops instead of reporting a ratio of different reads.
    private static readonly string[] CommentColumns =
    [
        nameof(CommentEntity.PartitionKey), nameof(CommentEntity.RowKey), nameof(CommentEntity.DisplayName), nameof(CommentEntity.ShowName),
        nameof(CommentEntity.Text), nameof(CommentEntity.Status), nameof(CommentEntity.ReceiptId), nameof(CommentEntity.CreatedAt), nameof(CommentEntity.ModeratedAt),
    ];

    /// <summary>TableClient.QueryAsync&lt;TableEntity&gt; over every row, with the export's server-side filter and select.</summary>
    public static Operation Bare(TableClient comments, DateTimeOffset from, DateTimeOffset to) => new("bare query", async cancellationToken =>
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {CommentEntity.RowKeyPrefix} and RowKey lt {CommentEntity.RowKeyPrefix + "~"} and CreatedAt ge {from} and CreatedAt lt {to}");
        long rows = 0;
        await foreach (var entity in comments.QueryAsync<TableEntity>(filter, select: CommentColumns, cancellationToken: cancellationToken))
        {
            rows++;
        }

        return new Outcome(rows, 0);
    });

    /// <summary>
    /// GET manage/exports/comments through ExportsHandler.ExportAsync and its StreamedExportResult, into a body that
    /// keeps nothing. Rows are counted from the bytes sent: one LF per NDJSON row, per CSV record plus the header.
    /// </summary>
    public static Operation Export(BenchApp app, string format, DateTimeOffset from, DateTimeOffset to) => new("export " + format, async cancellationToken =>
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = "/api/manage/exports/" + ExportKinds.Comments;
        context.Request.QueryString = new QueryString($"?from={Iso(from)}&to={Iso(to)}&format={format}");
        var body = new CountingStream();
        context.Response.Body = body;

        var result = await app.Get<ExportsHandler>().ExportAsync(context.Request, ExportKinds.Comments, cancellationToken);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException($"The export answered {context.Response.StatusCode}.");
        }

        var rows = format == "csv" ? body.LineFeeds - 1 : body.LineFeeds;
        return new Outcome(rows, body.Bytes);
    });

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));
}
