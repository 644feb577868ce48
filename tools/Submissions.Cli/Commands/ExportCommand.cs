using System.CommandLine;
using Spectre.Console;
using Submissions.Cli.Api;
using Submissions.Cli.Exports;

namespace Submissions.Cli.Commands;

/// <summary>
/// `export &lt;kind&gt; --from --to --output`: an export to a file with a progress bar, resumable after a failure by
/// running the same command again (docs/admin-cli.md, "Export resume").
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var kind = new Argument<string>("kind") { Description = "The kind of record to export." };
        kind.AcceptOnlyFromAmong(ExportRequest.Kinds);
        var from = new Option<string>("--from") { Description = "Start, inclusive: a date (UTC) or a date and time with an offset.", Required = true };
        var to = new Option<string>("--to") { Description = "End, exclusive, in the same forms.", Required = true };
        var format = new Option<string>("--format") { Description = "ndjson or csv.", DefaultValueFactory = _ => "ndjson" };
        format.AcceptOnlyFromAmong(ExportRequest.Formats);
        var output = new Option<FileInfo>("--output", "-o") { Description = "The file to write (a .partial file until it is complete).", Required = true };
        var slice = new Option<string>("--slice") { Description = "Streamed in slices of this length, the unit of resume (1d, 12h, 30m; at most 31d).", DefaultValueFactory = _ => "1d" };
        var job = new Option<bool>("--job") { Description = "Run as an export job on the server and download its file." };
        var restart = new Option<bool>("--restart") { Description = "Forget an unfinished attempt and start over." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists." };
        var command = new Command("export", "Export one kind of record in a date range to a file, with a progress bar; rerun to resume.")
        {
            kind, from, to, format, output, slice, job, restart, overwrite,
        };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var parse = context.Parse;
            var request = new ExportRequest(
                parse.GetValue(kind)!,
                ExportArguments.Time(parse.GetValue(from)!, "--from"),
                ExportArguments.Time(parse.GetValue(to)!, "--to"),
                parse.GetValue(format)!,
                ExportArguments.Slice(parse.GetValue(slice)!),
                parse.GetValue(job));
            return await RunAsync(context, request, new ExportFiles(parse.GetValue(output)!.FullName), parse.GetValue(restart), parse.GetValue(overwrite), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, ExportRequest request, ExportFiles files, bool restart, bool overwrite, CancellationToken cancellationToken)
    {
        if (request.From >= request.To)
        {
            throw new CliUsageException("--to must be later than --from.");
        }

        if (request.To - request.From > ExportRequest.MaxRange)
        {
            throw new CliUsageException("The range is longer than 366 days, the API's limit: export it in several runs.");
        }

        if (!Directory.Exists(Path.GetDirectoryName(files.Output)))
        {
            throw new CliUsageException($"The folder of {files.Output} does not exist.");
        }

        if (File.Exists(files.Output) && !overwrite)
        {
            throw new CliUsageException($"{files.Output} exists: choose another --output, or add --overwrite.");
        }

        try
        {
            var state = request.Job
                ? await new JobExport(context.Api, request, files, context.Environment.JobPollInterval).RunAsync(context.Out, restart, cancellationToken)
                : await new StreamedExport(context.Api, request, files).RunAsync(context.Out, restart, cancellationToken);
            files.Complete(overwrite);
            context.Out.MarkupLineInterpolated($"Wrote {files.Output} ({state.Bytes} bytes).");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException
            or ApiProblemException { Problem.Status: 0 or 429 or >= 500, Problem.Type: not JobExport.FailedJobType })
        {
            context.Environment.Error.MarkupLineInterpolated($"[yellow]The export did not finish; what was complete is kept in {files.Partial}. Run the same command again to resume.[/]");
            throw;
        }
        catch (ApiProblemException ex) when (request.Job && ex.Problem.Status == 404)
        {
            throw new ApiProblemException(ex.Problem with { Detail = $"The export job is gone (purged after its retention, or never queued here): run again with --restart to queue a new one.{LeftoverNote(files)}" });
        }
        catch (Exception)
        {
            // Cancelled, refused or failed for good: the admin must know a file of personal data may be left behind.
            WarnOfLeftovers(context, files);
            throw;
        }
    }

    private static void WarnOfLeftovers(CommandContext context, ExportFiles files)
    {
        if (LeftoverNote(files) is { Length: > 0 } note)
        {
            context.Environment.Error.MarkupLineInterpolated($"[yellow]{note.Trim()}[/]");
        }
    }

    private static string LeftoverNote(ExportFiles files) =>
        File.Exists(files.Partial) || File.Exists(files.State)
            ? $" {files.Partial} (personal data) and {files.State} are left: rerun to resume, add --restart to start over, or delete both."
            : string.Empty;
}
