using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Submissions.Cli.Output;

namespace Submissions.Cli.Commands;

/// <summary>`stats --from --to`: the published aggregates as tables; a suppressed count shows as "suppressed".</summary>
internal static class StatsCommand
{
    /// <summary>Beyond this many counted days a series shows its total only, so the table stays readable.</summary>
    private const int MaxDayColumns = 7;

    public static Command Create(CommandRunner runner)
    {
        var from = new Option<string>("--from") { Description = "First UTC day, inclusive (2026-11-01).", Required = true };
        var to = new Option<string>("--to") { Description = "End UTC day, exclusive, at most today (2026-12-01).", Required = true };
        var command = new Command("stats", "Aggregate statistics over whole finished UTC days, with small counts suppressed.") { from, to };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var path = $"manage/stats?from={Uri.EscapeDataString(context.Parse.GetValue(from)!)}&to={Uri.EscapeDataString(context.Parse.GetValue(to)!)}";
            return context.Show(await context.Api.GetAsync(path, cancellationToken), Render);
        });
        return command;
    }

    private static Rows Render(JsonElement stats) => new(
        new Markup(Markup.Escape(Heading(stats))),
        Submissions(stats),
        Polls(stats),
        Promotions(stats),
        Consents(stats));

    private static string Heading(JsonElement stats)
    {
        var notCounted = stats.GetProperty("notCounted").EnumerateArray().Select(JsonCell.Text).ToList();
        return $"Statistics from {JsonCell.Text(stats, "from")} to {JsonCell.Text(stats, "to")} (exclusive); counts below {JsonCell.Text(stats, "minimumCount")} are suppressed."
            + (notCounted.Count == 0 ? string.Empty : $" Not counted yet: {string.Join(", ", notCounted)}.");
    }

    private static Table Submissions(JsonElement stats)
    {
        var series = stats.GetProperty("submissions").EnumerateArray().Append(stats.GetProperty("withdrawals")).ToList();
        var days = series[0].GetProperty("days").EnumerateArray().Select(day => JsonCell.Text(day, "date")).ToList();
        var showDays = days.Count <= MaxDayColumns;
        var table = new Table().Title("Submissions per form").AddColumn("Form");
        foreach (var day in showDays ? days : [])
        {
            table.AddColumn(day);
        }

        table.AddColumn("Total");
        foreach (var row in series)
        {
            var cells = showDays ? row.GetProperty("days").EnumerateArray().Select(day => JsonCell.Count(day, "count")) : [];
            table.AddRow([Markup.Escape(JsonCell.Text(row, "form")), .. cells, JsonCell.Count(row, "total")]);
        }

        return table;
    }

    private static Table Polls(JsonElement stats)
    {
        var table = new Table().Title("Poll votes cast in the range").AddColumn("Poll").AddColumn("Option").AddColumn("Votes");
        foreach (var poll in stats.GetProperty("polls").GetProperty("polls").EnumerateArray())
        {
            var pollId = Markup.Escape(JsonCell.Text(poll, "pollId"));
            foreach (var option in poll.GetProperty("options").EnumerateArray())
            {
                table.AddRow(pollId, Markup.Escape(JsonCell.Text(option, "optionId")), JsonCell.Count(option, "votes"));
            }

            table.AddRow(pollId, "(total)", JsonCell.Count(poll, "totalVotes"));
        }

        return table;
    }

    private static Table Promotions(JsonElement stats)
    {
        var table = new Table().Title("Promotions").AddColumn("Promotion").AddColumn("Entries").AddColumn("Not shared")
            .AddColumn("Owed").AddColumn("Delivered").AddColumn("Withdrawn").AddColumn("Failed");
        foreach (var promotion in stats.GetProperty("promotions").EnumerateArray())
        {
            var deliveries = promotion.GetProperty("deliveries");
            table.AddRow(
                Markup.Escape(JsonCell.Text(promotion, "promotionId")),
                JsonCell.Count(promotion, "entries"),
                JsonCell.Count(promotion, "notShared"),
                JsonCell.Count(deliveries, "owed"),
                JsonCell.Count(deliveries, "delivered"),
                JsonCell.Count(deliveries, "withdrawn"),
                JsonCell.Count(deliveries, "failed"));
        }

        return table;
    }

    private static Table Consents(JsonElement stats)
    {
        var table = new Table().Title("Consent answers").AddColumn("Label").AddColumn("Granted").AddColumn("Declined").AddColumn("Answered").AddColumn("Grant rate");
        foreach (var label in stats.GetProperty("consents").EnumerateArray())
        {
            var rate = label.TryGetProperty("grantRate", out var value) ? value.GetDouble().ToString("P1", CultureInfo.InvariantCulture) : string.Empty;
            table.AddRow(
                Markup.Escape(JsonCell.Text(label, "labelId")),
                JsonCell.Count(label, "granted"),
                JsonCell.Count(label, "declined"),
                JsonCell.Count(label, "answered"),
                Markup.Escape(rate));
        }

        return table;
    }
}
