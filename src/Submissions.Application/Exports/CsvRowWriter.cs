using System.Globalization;
using System.Text;

namespace Submissions.Application.Exports;

/// <summary>
/// CSV per RFC 4180: a header row of the column names, then one record per row, CRLF after each, UTF-8 (no byte order
/// mark). Empty cells are empty fields. Every text cell goes through <see cref="CsvCell"/>.
/// </summary>
public sealed class CsvRowWriter : ExportRowWriter
{
    private readonly StringBuilder line = new(256);

    // Stateful, so a surrogate pair split across two of the builder's chunks is still encoded as one character.
    private readonly Encoder utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();

    public CsvRowWriter(IReadOnlyList<string> columns)
        : base(columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            // Column names are this app's own camelCase identifiers: nothing to quote or neutralise.
            Separate(i);
            line.Append(columns[i]);
        }

        WriteLine();
    }

    protected override void StartRow() => line.Clear();

    protected override void WriteText(int column, string? value)
    {
        Separate(column);
        if (value is not null)
        {
            CsvCell.AppendText(line, value);
        }
    }

    protected override void WriteNumber(int column, long? value)
    {
        Separate(column);
        line.Append(value?.ToString(CultureInfo.InvariantCulture));
    }

    protected override void WriteFlag(int column, bool? value)
    {
        Separate(column);
        line.Append(value switch { true => "true", false => "false", null => null });
    }

    protected override void WriteTime(int column, DateTimeOffset? value)
    {
        Separate(column);
        if (value is { } time)
        {
            line.Append(CsvCell.FormatTime(time));
        }
    }

    protected override void FinishRow() => WriteLine();

    private void Separate(int column)
    {
        if (column > 0)
        {
            line.Append(',');
        }
    }

    private void WriteLine()
    {
        line.Append("\r\n");
        foreach (var chunk in line.GetChunks())
        {
            utf8.Convert(chunk.Span, Buffer, flush: false, out _, out _);
        }

        utf8.Convert([], Buffer, flush: true, out _, out _);

        line.Clear();
    }
}
