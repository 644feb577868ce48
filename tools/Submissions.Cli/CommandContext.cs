using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using Submissions.Cli.Api;
using Submissions.Cli.Output;

namespace Submissions.Cli;

/// <summary>What a command's action works with: the parsed command line, the signed-in API client, and the output.</summary>
internal sealed record CommandContext(ParseResult Parse, AdminApiClient Api, CliEnvironment Environment, bool Json)
{
    public IAnsiConsole Out => Environment.Out;

    /// <summary>JSON with --json, otherwise the table (or whatever) <paramref name="render"/> builds.</summary>
    public int Show(JsonElement answer, Func<JsonElement, IRenderable> render)
    {
        if (Json)
        {
            JsonOutput.Write(Out, answer);
        }
        else
        {
            Out.Write(render(answer));
        }

        return ExitCodes.Success;
    }
}
