using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Submissions.Cli.Output;

namespace Submissions.Cli.Commands;

/// <summary>`deliveries list|retry|recover`: dead letters of leads, partner notices and mails, and owing them again.</summary>
internal static class DeliveriesCommands
{
    private static readonly string[] ListColumns = ["deliveryId", "kind", "partnerId", "promotionId", "reason", "attempts", "failedAt"];

    public static Command Create(CommandRunner runner) =>
        new("deliveries", "Failed deliveries (dead letters): list, retry, recover a partner's since a time.")
        {
            List(runner),
            Retry(runner),
            Recover(runner),
        };

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "Every dead letter: ids and reasons only, never data.");
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var failures = await context.Api.GetAllPagesAsync("manage/deliveries?status=failed&pageSize=100", "deliveries", cancellationToken).ToListAsync(cancellationToken);
            return context.Show(JsonSerializer.SerializeToElement(failures), _ => ListTable(failures));
        });
        return command;
    }

    private static Command Retry(CommandRunner runner)
    {
        var ids = new Argument<string[]>("delivery-id") { Description = "Delivery, notice or confirmation ids from the list.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("retry", "Owe failed deliveries again and queue them.") { ids };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var accepted = new List<JsonElement>();
            foreach (var id in context.Parse.GetValue(ids)!)
            {
                accepted.Add(await context.Api.PostAsync($"manage/deliveries/{Uri.EscapeDataString(id)}/retry", null, cancellationToken));
            }

            return context.Show(JsonSerializer.SerializeToElement(accepted), _ => ScalarTable.Of(accepted));
        });
        return command;
    }

    private static Command Recover(CommandRunner runner)
    {
        var partner = new Option<string>("--partner") { Description = "The partner whose dead letters are owed again.", Required = true };
        var since = new Option<DateTimeOffset>("--since") { Description = "Failed at or after this time, with its offset (2026-11-24T00:00:00Z).", Required = true };
        var command = new Command("recover", "After an outage: owe again every lead and notice of a partner that failed since a time (all batches).") { partner, since };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var path = $"manage/partners/{Uri.EscapeDataString(context.Parse.GetValue(partner)!)}/recover?since={Uri.EscapeDataString(context.Parse.GetValue(since).ToString("O", CultureInfo.InvariantCulture))}";
            var batches = new List<JsonElement>();
            do
            {
                batches.Add(await context.Api.PostAsync(path, null, cancellationToken));
            }
            while (batches[^1].GetProperty("more").GetBoolean());

            return context.Show(JsonSerializer.SerializeToElement(batches), _ => RecoveredTable(batches));
        });
        return command;
    }

    private static Table ListTable(List<JsonElement> failures) => ScalarTable.Of(failures, ListColumns, $"{failures.Count} failed deliver(ies)");

    private static Table RecoveredTable(List<JsonElement> batches)
    {
        var leads = batches.Sum(batch => batch.GetProperty("leadsOwed").GetInt32());
        var notices = batches.Sum(batch => batch.GetProperty("noticesOwed").GetInt32());
        return new Table().AddColumn("Leads owed again").AddColumn("Notices owed again")
            .AddRow(leads.ToString(CultureInfo.InvariantCulture), notices.ToString(CultureInfo.InvariantCulture));
    }
}
