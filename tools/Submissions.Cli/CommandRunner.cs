using System.CommandLine;
using System.Text.Json;
using Azure.Identity;
using Spectre.Console;
using Submissions.Cli.Api;
using Submissions.Cli.Auth;

namespace Submissions.Cli;

/// <summary>
/// Runs a command's action with a signed-in client and turns every expected failure into a short message on stderr
/// and an exit code (<see cref="ExitCodes"/>): a problem from the API with its field errors, a sign-in failure, an
/// unreachable server. Never a stack trace.
/// </summary>
internal sealed class CommandRunner(GlobalOptions options, CliEnvironment environment)
{
    public GlobalOptions Options => options;

    public void Bind(Command command, Func<CommandContext, CancellationToken, Task<int>> action) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, action, cancellationToken));

    private async Task<int> RunAsync(ParseResult parse, Func<CommandContext, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        var error = environment.Error;
        try
        {
            using var api = await AdminConnection.CreateAsync(parse, options, environment, cancellationToken);
            return await action(new CommandContext(parse, api, environment, parse.GetValue(options.Json)), cancellationToken);
        }
        catch (ApiProblemException ex)
        {
            ProblemRenderer.Render(error, ex.Problem);
            return ex.Problem.Status == 0 ? ExitCodes.Failed : ExitCodes.ForStatus(ex.Problem.Status);
        }
        catch (CliUsageException ex)
        {
            error.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is AuthenticationFailedException or CredentialUnavailableException)
        {
            error.MarkupLineInterpolated($"[red]Sign-in failed: {FirstLine(ex.Message)}[/]");
            error.WriteLine("Run 'az login' (with the admin account), or complete the device code sign-in.");
            return ExitCodes.NotAuthorized;
        }
        catch (HttpRequestException ex)
        {
            error.MarkupLineInterpolated($"[red]Could not reach the server: {FirstLine(ex.Message)}[/]");
            return ExitCodes.Unavailable;
        }
        catch (IOException ex) when (ex is HttpIOException || ex.InnerException is System.Net.Sockets.SocketException)
        {
            error.MarkupLineInterpolated($"[red]The transfer broke off: {FirstLine(ex.Message)}[/]");
            return ExitCodes.Unavailable;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.MarkupLineInterpolated($"[red]A file could not be written or read: {FirstLine(ex.Message)}[/]");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // An answer of another shape than docs/openapi.yaml gives: said in a line, never as a stack trace.
            error.MarkupLine("[red]The server's answer was not what this tool expects (is --url the Submissions API, and of a matching version?).[/]");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.MarkupLine("[yellow]Cancelled.[/]");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            // Whatever else went wrong: one line, never a stack trace (which could hold paths, arguments, data).
            error.MarkupLineInterpolated($"[red]Unexpected error ({ex.GetType().Name}): {FirstLine(ex.Message)}[/]");
            return ExitCodes.Failed;
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
