using System.Net;
using Spectre.Console;
using Submissions.Cli.Api;
using Submissions.Cli.Output;

namespace Submissions.Cli.Exports;

/// <summary>
/// An export streamed slice by slice (the API has no cursor inside a stream, so a slice is the unit of resume): each
/// slice's body is appended to the .partial file and, once it ended normally, the state records the slices done and
/// their byte length. A broken transfer leaves the state at the last whole slice; a rerun truncates the .partial file
/// there and fetches only the slices still missing, so no record is written twice.
/// </summary>
internal sealed class StreamedExport(AdminApiClient api, ExportRequest request, ExportFiles files)
{
    public async Task<ExportState> RunAsync(IAnsiConsole console, bool restart, CancellationToken cancellationToken)
    {
        var state = ExportState.LoadOrStart(files.State, request, api.BaseAddress, restart);
        var slices = request.Slices();
        if (state.CompletedSlices > 0)
        {
            console.MarkupLineInterpolated($"Resuming: {state.CompletedSlices} of {slices.Count} slices were already complete.");
        }

        await using var file = OpenPartial(state);
        file.SetLength(state.Bytes);
        file.Seek(0, SeekOrigin.End);
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Exporting {request.Kind}", maxValue: slices.Count);
            task.Value = state.CompletedSlices;
            for (var index = state.CompletedSlices; index < slices.Count; index++)
            {
                state = await FetchSliceAsync(slices[index], index, file, state, cancellationToken);
                state.Save(files.State);
                task.Increment(1);
                PlainProgress.Line(console, $"{task.Description}: {index + 1}/{slices.Count} slices");
            }
        });
        return state;
    }

    /// <summary>
    /// A fresh export starts an empty .partial file; a resumed one needs at least the bytes its state records, or
    /// growing it would pad the file with zeros where rows were.
    /// </summary>
    private FileStream OpenPartial(ExportState state)
    {
        if (state.CompletedSlices == 0)
        {
            return PrivateFile.Open(files.Partial, FileMode.Create);
        }

        var partial = new FileInfo(files.Partial);
        if (!partial.Exists || partial.Length < state.Bytes)
        {
            throw new CliUsageException(
                $"{files.Partial} is missing or shorter than {files.State} records ({state.Bytes} bytes): the export cannot resume; run again with --restart.");
        }

        return PrivateFile.Open(files.Partial, FileMode.Open);
    }

    private async Task<ExportState> FetchSliceAsync(
        (DateTimeOffset From, DateTimeOffset To) slice, int index, FileStream file, ExportState state, CancellationToken cancellationToken)
    {
        using var response = await api.GetStreamAsync(request.StreamPath(slice.From, slice.To), cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            throw new CliUsageException("The server queued a slice as an export job (its streaming limit is lower): use a shorter --slice, or --job.");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var header = request.Format == "csv" ? await CopyCsvHeaderAsync(body, index, file, state, cancellationToken) : null;
        await body.CopyToAsync(file, cancellationToken);
        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
        return state with { CompletedSlices = index + 1, Bytes = file.Position, CsvHeader = header ?? state.CsvHeader };
    }

    /// <summary>The first slice's header row is written; a later slice's is dropped after checking it names the same columns.</summary>
    private static async Task<string> CopyCsvHeaderAsync(Stream body, int index, FileStream file, ExportState state, CancellationToken cancellationToken)
    {
        var header = await CsvHeaderLine.ReadAsync(body, cancellationToken);
        if (index == 0)
        {
            await file.WriteAsync(header.Bytes, cancellationToken);
        }
        else if (header.Text != state.CsvHeader)
        {
            throw new CliUsageException("The export's columns changed between slices (a consent label was added or retired): run again with --restart.");
        }

        await file.WriteAsync(header.Rest, cancellationToken);
        return header.Text;
    }
}
