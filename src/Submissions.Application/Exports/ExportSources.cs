using Submissions.Application.Forms;

namespace Submissions.Application.Exports;

/// <summary>
/// What can be exported, by kind: each registered form's exports (<see cref="FormExport"/>), then those that span forms
/// (<see cref="IExportSource"/>). The streamed export and the export job both look a kind up here.
/// </summary>
public sealed class ExportSources(IEnumerable<FormExport> formExports, IEnumerable<IExportSource> sources)
{
    private readonly IExportSource[] all = [.. formExports.Select(export => export.Source), .. sources];

    private Dictionary<string, IExportSource> ByKind => field ??= all.ToDictionary(source => source.Kind, StringComparer.Ordinal);

    /// <summary>The kinds, in the order the handler lists them.</summary>
    public IReadOnlyList<string> Kinds => field ??= [.. all.Select(source => source.Kind)];

    public IExportSource? Find(string kind) => ByKind.GetValueOrDefault(kind);
}
