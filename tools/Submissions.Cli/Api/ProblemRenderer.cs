using Spectre.Console;

namespace Submissions.Cli.Api;

/// <summary>Shows a problem to the admin: status and title, the detail, and a table of field errors — no stack trace.</summary>
internal static class ProblemRenderer
{
    public static void Render(IAnsiConsole console, ApiProblem problem)
    {
        var status = problem.Status > 0 ? $"{problem.Status} " : string.Empty;
        console.MarkupLineInterpolated($"[red]Error {status}{problem.Title}[/]");
        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            console.WriteLine(problem.Detail);
        }

        if (problem.Errors.Count > 0)
        {
            var table = new Table().AddColumn("Field").AddColumn("Code").AddColumn("Message");
            foreach (var error in problem.Errors)
            {
                table.AddRow(Markup.Escape(error.Field), Markup.Escape(error.Code ?? string.Empty), Markup.Escape(error.Message));
            }

            console.Write(table);
        }

        if (problem.Type is { } type)
        {
            console.WriteLine($"type: {type}");
        }

        if (problem.TraceId is { } traceId)
        {
            console.WriteLine($"traceId: {traceId} (quote it when reporting the problem)");
        }
    }
}
