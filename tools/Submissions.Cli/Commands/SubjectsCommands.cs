using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Submissions.Cli.Output;

namespace Submissions.Cli.Commands;

/// <summary>`subjects access|erase|withdraw|links`: data-subject requests answered on a person's behalf.</summary>
internal static class SubjectsCommands
{
    public static Command Create(CommandRunner runner) =>
        new("subjects", "Data-subject requests answered on a person's behalf: access, erase, withdraw, links.")
        {
            Access(runner),
            Erase(runner),
            Withdraw(runner),
            Links(runner),
        };

    private static Option<string> Email() =>
        new("--email") { Description = "The person's email address (sent in the request body, never in a URL).", Required = true };

    private static Command Access(CommandRunner runner)
    {
        var email = Email();
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the bundle to this file (readable by you only) instead of stdout." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the --output file if it exists." };
        var command = new Command("access", "Everything stored about one person (GDPR Art. 15/20), as JSON.") { email, output, overwrite };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            // Checked before the request too, so a refusal costs no personal data on the wire.
            if (context.Parse.GetValue(output) is { Exists: true } existing && !context.Parse.GetValue(overwrite))
            {
                throw new CliUsageException($"{existing.FullName} exists: add --overwrite to replace it.");
            }

            var bundle = await context.Api.PostAsync("manage/subjects/access", new { email = context.Parse.GetValue(email) }, cancellationToken);
            if (context.Parse.GetValue(output) is not { } file)
            {
                JsonOutput.Write(context.Out, bundle);
                return ExitCodes.Success;
            }

            await PrivateFile.WriteAsync(file, JsonOutput.Format(bundle), context.Parse.GetValue(overwrite), cancellationToken);
            context.Out.MarkupLineInterpolated($"Wrote the access bundle to {file.FullName}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Erase(CommandRunner runner)
    {
        var email = Email();
        var yes = new Option<bool>("--yes") { Description = "Confirm: erasure cannot be undone." };
        var command = new Command("erase", "Erase every record of one person and owe erasure notices to partners that received their data.") { email, yes };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            if (!context.Parse.GetValue(yes))
            {
                throw new CliUsageException("Erasure cannot be undone: add --yes to confirm.");
            }

            var report = await context.Api.PostAsync("manage/subjects/erase", new { email = context.Parse.GetValue(email) }, cancellationToken);
            return context.Show(report, ErasureTable);
        });
        return command;
    }

    private static Command Withdraw(CommandRunner runner)
    {
        var email = Email();
        var label = new Option<string?>("--label") { Description = "One consent label id; without it every consent except acceptance of terms." };
        var yes = new Option<bool>("--yes") { Description = "Confirm withdrawing every consent (needed without --label)." };
        var command = new Command("withdraw", "Withdraw consent on a person's behalf.") { email, label, yes };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var labelId = context.Parse.GetValue(label);
            if (labelId is null && !context.Parse.GetValue(yes))
            {
                throw new CliUsageException("Without --label every consent (except acceptance of terms) is withdrawn: add --yes to confirm, or name one --label.");
            }

            object body = labelId is null ? new { email = context.Parse.GetValue(email) } : new { email = context.Parse.GetValue(email), labelId };
            var outcome = await context.Api.PostAsync("manage/subjects/withdraw", body, cancellationToken);
            return context.Show(outcome, WithdrawalTable);
        });
        return command;
    }

    private static Command Links(CommandRunner runner)
    {
        var email = Email();
        var command = new Command("links", "One person's signed opt-out and preference links, for an external mail service.") { email };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var links = await context.Api.PostAsync("manage/subjects/links", new { email = context.Parse.GetValue(email) }, cancellationToken);
            return context.Show(links, ScalarTable.OfObject);
        });
        return command;
    }

    private static Table ErasureTable(JsonElement report)
    {
        var table = new Table().Title("Erased").AddColumn("Records").AddColumn("Removed");
        foreach (var count in report.GetProperty("removed").EnumerateObject())
        {
            table.AddRow(Markup.Escape(count.Name), JsonCell.Text(count.Value));
        }

        table.AddRow("partner notices owed", report.GetProperty("notices").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture));
        return table;
    }

    private static Table WithdrawalTable(JsonElement outcome)
    {
        var withdrawn = outcome.GetProperty("withdrawn");
        var table = new Table().Title($"Withdrawn ({Markup.Escape(JsonCell.Text(outcome, "scope"))})").AddColumn("Label").AddColumn("Version");
        foreach (var consent in withdrawn.EnumerateArray())
        {
            table.AddRow(Markup.Escape(JsonCell.Text(consent, "labelId")), JsonCell.Text(consent, "version"));
        }

        table.Caption(withdrawn.GetArrayLength() == 0
            ? "Nothing in scope was still granted."
            : $"{outcome.GetProperty("notices").GetArrayLength()} partner notice(s) owed.");
        return table;
    }
}
