namespace Submissions.Application.Exports;

/// <summary>An export's file format: its query value, media type, file extension and row writer.</summary>
public sealed class ExportFormat
{
    private readonly Func<IReadOnlyList<string>, ExportRowWriter> create;

    private ExportFormat(string name, string contentType, Func<IReadOnlyList<string>, ExportRowWriter> create)
    {
        Name = name;
        ContentType = contentType;
        this.create = create;
    }

    public static ExportFormat Ndjson { get; } = new("ndjson", "application/x-ndjson; charset=utf-8", columns => new NdjsonRowWriter(columns));

    public static ExportFormat Csv { get; } = new("csv", "text/csv; charset=utf-8", columns => new CsvRowWriter(columns));

    public static IReadOnlyList<ExportFormat> All { get; } = [Ndjson, Csv];

    /// <summary>The query value, which is also the file extension.</summary>
    public string Name { get; }

    public string ContentType { get; }

    /// <summary>A writer for these columns; a CSV writer has already buffered its header row.</summary>
    public ExportRowWriter CreateWriter(IReadOnlyList<string> columns) => create(columns);

    public static ExportFormat? Find(string? name) => All.FirstOrDefault(format => format.Name == name);
}
