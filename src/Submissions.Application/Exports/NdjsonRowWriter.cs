using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Submissions.Application.Exports;

/// <summary>
/// NDJSON: one JSON object per row, columns as property names, LF after each. Empty cells are null, so every line has
/// the same properties. Non-ASCII text is written as UTF-8, not \u escapes (the file is data, never embedded in HTML).
/// </summary>
public sealed class NdjsonRowWriter : ExportRowWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly JsonEncodedText[] names;
    private readonly Utf8JsonWriter json;

    public NdjsonRowWriter(IReadOnlyList<string> columns)
        : base(columns)
    {
        names = [.. columns.Select(column => JsonEncodedText.Encode(column))];
        json = new Utf8JsonWriter(Buffer, Options);
    }

    protected override void StartRow()
    {
        // One top-level value per line: the writer is reset to start each line as a new document.
        json.Reset(Buffer);
        json.WriteStartObject();
    }

    protected override void WriteText(int column, string? value)
    {
        if (value is null)
        {
            json.WriteNull(names[column]);
        }
        else
        {
            json.WriteString(names[column], value);
        }
    }

    protected override void WriteNumber(int column, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(names[column], number);
        }
        else
        {
            json.WriteNull(names[column]);
        }
    }

    protected override void WriteFlag(int column, bool? value)
    {
        if (value is { } flag)
        {
            json.WriteBoolean(names[column], flag);
        }
        else
        {
            json.WriteNull(names[column]);
        }
    }

    protected override void WriteTime(int column, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json.WriteString(names[column], CsvCell.FormatTime(time));
        }
        else
        {
            json.WriteNull(names[column]);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            json.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override void FinishRow()
    {
        json.WriteEndObject();
        json.Flush();
        Buffer.Write("\n"u8);
    }
}
