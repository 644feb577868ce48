using System.Runtime.CompilerServices;

namespace Submissions.Application.Exports;

/// <summary>The page loop a plain export shares: each storage page's rows written as they arrive, its count yielded.</summary>
internal static class ExportPages
{
    public static async IAsyncEnumerable<int> WriteAsync<T>(
        IAsyncEnumerable<IReadOnlyList<T>> pages,
        ExportRowWriter writer,
        Action<ExportRowWriter, T> writeRow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            foreach (var row in page)
            {
                writer.BeginRow();
                writeRow(writer, row);
                writer.EndRow();
            }

            yield return page.Count;
        }
    }
}
