using System.Buffers;

namespace Submissions.Application.Exports;

/// <summary>
/// Turns export rows into bytes of one format. Rows are written cell by cell, in column order, into a buffer that
/// <see cref="FlushAsync"/> hands to the response and then clears: the caller flushes once per storage page, so the
/// buffer never holds more than a page (and the header) however long the export runs.
/// </summary>
public abstract class ExportRowWriter(IReadOnlyList<string> columns) : IDisposable
{
    private int cell;

    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>Rows completed so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Bytes waiting for the next flush.</summary>
    public int BufferedBytes => Buffer.WrittenCount;

    protected ArrayBufferWriter<byte> Buffer { get; } = new(64 * 1024);

    public void BeginRow()
    {
        cell = 0;
        StartRow();
    }

    /// <summary>A string cell: stored data, often written by a person, so a CSV writer checks it for formula injection.</summary>
    public void Text(string? value) => WriteText(NextColumn(), value);

    /// <summary>A number the app produced (a count, a version): never user input.</summary>
    public void Number(long? value) => WriteNumber(NextColumn(), value);

    public void Flag(bool? value) => WriteFlag(NextColumn(), value);

    /// <summary>A point in time, written as ISO-8601 (round-trip format).</summary>
    public void Time(DateTimeOffset? value) => WriteTime(NextColumn(), value);

    public void EndRow()
    {
        if (cell != Columns.Count)
        {
            throw new InvalidOperationException($"A row has {cell} cells for {Columns.Count} columns.");
        }

        FinishRow();
        Rows++;
    }

    /// <summary>Sends what is buffered and clears the buffer (zeroed: it held personal data).</summary>
    public async ValueTask FlushAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (Buffer.WrittenCount > 0)
        {
            await destination.WriteAsync(Buffer.WrittenMemory, cancellationToken);
            Buffer.Clear();
        }

        await destination.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Zeroes the buffer: it held personal data.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Buffer.Clear();
        }
    }

    protected abstract void StartRow();

    protected abstract void WriteText(int column, string? value);

    protected abstract void WriteNumber(int column, long? value);

    protected abstract void WriteFlag(int column, bool? value);

    protected abstract void WriteTime(int column, DateTimeOffset? value);

    protected abstract void FinishRow();

    private int NextColumn()
    {
        if (cell >= Columns.Count)
        {
            throw new InvalidOperationException($"A row has more cells than its {Columns.Count} columns.");
        }

        return cell++;
    }
}
