namespace Submissions.Application.Exports;

/// <summary>
/// The one code path that turns an export into bytes, whoever receives them — the HTTP response of a streamed export or
/// the blob of an export job — so both are byte for byte the same for the same request. <see cref="StartAsync"/> plans
/// and reads the first page (buffered: storage trouble up to there is raised before any byte goes out);
/// <see cref="CopyToAsync"/> writes it and each further page, flushed page by page.
/// </summary>
public sealed class ExportOutput : IAsyncDisposable
{
    private readonly ExportRowWriter writer;
    private readonly IAsyncEnumerator<int> pages;

    private ExportOutput(ExportRowWriter writer, IAsyncEnumerator<int> pages)
    {
        this.writer = writer;
        this.pages = pages;
    }

    /// <summary>Rows written so far.</summary>
    public int Rows => writer.Rows;

    /// <summary>Plans the export and reads its first page; <paramref name="cancellationToken"/> cancels every page's read.</summary>
    public static async Task<ExportOutput> StartAsync(IExportSource source, ExportRequest export, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(export);
        var plan = await source.PlanAsync(export.Range, cancellationToken);
        var writer = export.Format.CreateWriter(plan.Columns);
        var pages = plan.WritePages(writer, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            await pages.MoveNextAsync();
        }
        catch
        {
            await pages.DisposeAsync();
            writer.Dispose();
            throw;
        }

        return new ExportOutput(writer, pages);
    }

    /// <summary>Writes the buffered first page, then every further page as storage returns it; returns the row count.</summary>
    public async Task<int> CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(destination, cancellationToken);
        while (await pages.MoveNextAsync())
        {
            await writer.FlushAsync(destination, cancellationToken);
        }

        return writer.Rows;
    }

    /// <summary>Ends the storage reads and zeroes the buffer (it held personal data).</summary>
    public async ValueTask DisposeAsync()
    {
        await pages.DisposeAsync();
        writer.Dispose();
    }
}
