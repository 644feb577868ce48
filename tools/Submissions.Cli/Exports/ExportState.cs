using System.Text.Json;
using Submissions.Cli.Output;

namespace Submissions.Cli.Exports;

/// <summary>
/// How far an export got, kept beside its .partial file ({output}.partial.json) after every completed slice: the
/// slices done and the byte length they fill, so a rerun cuts off a half-written slice and goes on from the next; in
/// job mode the job's id, so a rerun waits for and downloads the same job instead of queuing another.
/// </summary>
internal sealed record ExportState(
    string Kind,
    DateTimeOffset From,
    DateTimeOffset To,
    string Format,
    long SliceSeconds,
    bool Job,
    int CompletedSlices,
    long Bytes,
    string? CsvHeader,
    string? JobId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static ExportState Start(ExportRequest request) =>
        new(request.Kind, request.From, request.To, request.Format, (long)request.Slice.TotalSeconds, request.Job, 0, 0, null, null);

    /// <summary>The saved state of this same export, a fresh one, or a refusal when the saved one is of another export.</summary>
    public static ExportState LoadOrStart(string path, ExportRequest request, bool restart)
    {
        if (restart || !File.Exists(path))
        {
            return Start(request);
        }

        var saved = JsonSerializer.Deserialize<ExportState>(File.ReadAllText(path), Json)
            ?? throw new CliUsageException($"{path} is empty: delete it or run again with --restart.");
        return saved.IsOf(request) ? saved
            : throw new CliUsageException($"An unfinished export with other arguments is in {path}: run it again as it was to resume, or add --restart to start this one.");
    }

    /// <summary>
    /// Written to a private temporary file and renamed, so a crash leaves the previous state, never a torn one (the
    /// state holds a CSV header, which names consent labels: owner-only like the data).
    /// </summary>
    public void Save(string path)
    {
        PrivateFile.RefuseLink(path);
        var temporary = path + ".tmp";
        PrivateFile.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    private bool IsOf(ExportRequest request) =>
        Kind == request.Kind && From == request.From && To == request.To && Format == request.Format
        && SliceSeconds == (long)request.Slice.TotalSeconds && Job == request.Job;
}
