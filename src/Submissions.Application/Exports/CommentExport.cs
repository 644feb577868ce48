using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// comments: by CreatedAt, every status. nameShown is the stored ShowName — public display granted and not withdrawn
/// since (a withdrawal updates it). The commenter's email is not exported (nor read).
/// </summary>
public sealed class CommentExport(ExportQueries queries) : IExportSource
{
    private static readonly string[] Columns =
        ["commentId", "pageId", "createdAt", "status", "moderatedAt", "displayName", "nameShown", "text", "receiptId"];

    public string Kind => ExportKinds.Comments;

    public Task<ExportPlan> PlanAsync(ExportRange range, CancellationToken cancellationToken) =>
        Task.FromResult(new ExportPlan(Columns, (writer, token) => WritePagesAsync(range, writer, token)));

    private IAsyncEnumerable<int> WritePagesAsync(ExportRange range, ExportRowWriter writer, CancellationToken cancellationToken) =>
        ExportPages.WriteAsync(queries.CommentPagesAsync(range, cancellationToken), writer, WriteRow, cancellationToken);

    private static void WriteRow(ExportRowWriter writer, CommentExportRow comment)
    {
        writer.Text(comment.CommentId);
        writer.Text(comment.PageId);
        writer.Time(comment.CreatedAt);
        writer.Text(comment.Status);
        writer.Time(comment.ModeratedAt);
        writer.Text(comment.DisplayName);
        writer.Flag(comment.ShowName);
        writer.Text(comment.Text);
        writer.Text(comment.ReceiptId);
    }
}
