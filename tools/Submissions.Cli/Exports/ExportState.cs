using System.Text.Json;
using Submissions.Cli.Output;

namespace Submissions.Cli.Exports;

/// <summary>
/// How far an export got, kept beside its .partial file ({output}.partial.json) after every completed slice: the
/// slices done and the byte length they fill, so a rerun cuts off a half-written slice and goes on from the next; in
/// job mode the job's id, so a rerun waits for and downloads the same job instead of queuing another. The server's base
/// address too: another server's rows must never be appended to this one's.
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
    string? JobId,
    string? BaseUrl)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static ExportState Start(ExportRequest request, Uri baseUrl) =>
        new(request.Kind, request.From, request.To, request.Format, (long)request.Slice.TotalSeconds, request.Job, 0, 0, null, null, baseUrl.AbsoluteUri);

    /// <summary>The saved state of this same export, a fresh one, or a refusal when the saved one is of another export.</summary>
    public static ExportState LoadOrStart(string path, ExportRequest request, Uri baseUrl, bool restart)
    {
        if (restart || !File.Exists(path))
        {
            return Start(request, baseUrl);
        }

        var saved = Read(path) ?? throw new CliUsageException($"{path} is empty: delete it or run again with --restart.");
        if (!string.Equals(saved.BaseUrl, baseUrl.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliUsageException($"The unfinished export in {path} came from {saved.BaseUrl ?? "another server"}, not {baseUrl.AbsoluteUri}: resume it with that --url, or add --restart.");
        }

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

    /// <summary>A damaged state file is this machine's problem, not the server's: said so.</summary>
    private static ExportState? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ExportState>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            throw new CliUsageException($"The export state {path} is damaged (not readable JSON): run again with --restart.");
        }
    }

    private bool IsOf(ExportRequest request) =>
        Kind == request.Kind && From == request.From && To == request.To && Format == request.Format
        && SliceSeconds == (long)request.Slice.TotalSeconds && Job == request.Job;
}
