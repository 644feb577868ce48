using System.CommandLine;
using System.Text.Json;
using Submissions.Cli.Output;

namespace Submissions.Cli.Commands;

/// <summary>`config list|get|put`: consent labels, partners, promotions and polls, put from JSON files.</summary>
internal static class ConfigCommands
{
    public static Command Create(CommandRunner runner) =>
        new("config", "Configuration: consent labels, partners, promotions, polls.")
        {
            List(runner),
            Get(runner),
            Put(runner),
        };

    private static Argument<string> Kind()
    {
        var kind = new Argument<string>("kind") { Description = "labels, partners, promotions or polls." };
        kind.AcceptOnlyFromAmong([.. ConfigKind.All.Select(item => item.Name)]);
        return kind;
    }

    private static Argument<string> Id() => new("id") { Description = "The label, partner, promotion or poll id." };

    private static Command List(CommandRunner runner)
    {
        var kind = Kind();
        var command = new Command("list", "Every item of a kind (all pages), as a table of their scalar properties.") { kind };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var config = ConfigKind.Find(context.Parse.GetValue(kind)!);
            var items = await context.Api.GetAllPagesAsync($"{config.Route}?pageSize=100", config.ListProperty, cancellationToken).ToListAsync(cancellationToken);
            return context.Show(JsonSerializer.SerializeToElement(items), _ => ScalarTable.Of(items));
        });
        return command;
    }

    private static Command Get(CommandRunner runner)
    {
        var kind = Kind();
        var id = Id();
        var command = new Command("get", "One item, as JSON.") { kind, id };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var config = ConfigKind.Find(context.Parse.GetValue(kind)!);
            JsonOutput.Write(context.Out, await context.Api.GetAsync(config.ItemPath(context.Parse.GetValue(id)!), cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Put(CommandRunner runner)
    {
        var kind = Kind();
        var id = Id();
        var file = new Option<FileInfo>("--file", "-f") { Description = "The definition, a JSON file (docs/openapi.yaml gives each kind's schema).", Required = true };
        var command = new Command("put", "Create or replace an item from a JSON file; prints what the API stored.") { kind, id, file };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var config = ConfigKind.Find(context.Parse.GetValue(kind)!);
            var json = await ReadDefinitionAsync(context.Parse.GetValue(file)!, cancellationToken);
            JsonOutput.Write(context.Out, await context.Api.PutAsync(config.ItemPath(context.Parse.GetValue(id)!), json, cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Checked locally first, so a typo is reported with its line rather than as the server's malformed-body problem.</summary>
    private static async Task<string> ReadDefinitionAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new CliUsageException($"No such file: {file.FullName}.");
        }

        var json = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? json : throw new CliUsageException($"{file.Name} must hold a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"{file.Name} is not valid JSON (line {ex.LineNumber + 1}).");
        }
    }
}
