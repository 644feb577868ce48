using System.Text.Json;
using Spectre.Console;

namespace Submissions.Cli.Output;

/// <summary>A table of the scalar properties of JSON objects: one column per property name, in order of first appearance.</summary>
internal static class ScalarTable
{
    public static Table Of(IReadOnlyList<JsonElement> items)
    {
        var columns = items.Where(item => item.ValueKind == JsonValueKind.Object)
            .SelectMany(item => item.EnumerateObject().Where(property => JsonCell.IsScalar(property.Value)).Select(property => property.Name))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var table = new Table();
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var item in items)
        {
            table.AddRow([.. columns.Select(column => Markup.Escape(JsonCell.Text(item, column)))]);
        }

        return table;
    }

    /// <summary>The named properties of each object, one column each, with a caption under it (a listing's chosen view).</summary>
    public static Table Of(IReadOnlyList<JsonElement> items, IReadOnlyList<string> columns, string caption)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(columns);
        var table = new Table();
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        foreach (var item in items)
        {
            table.AddRow([.. columns.Select(column => Markup.Escape(JsonCell.Text(item, column)))]);
        }

        return table.Caption(caption);
    }

    /// <summary>One object's scalar properties as a two-column table (name, value).</summary>
    public static Table OfObject(JsonElement item)
    {
        var table = new Table().AddColumn("Property").AddColumn("Value");
        foreach (var property in item.EnumerateObject().Where(property => JsonCell.IsScalar(property.Value)))
        {
            table.AddRow(Markup.Escape(property.Name), Markup.Escape(JsonCell.Text(property.Value)));
        }

        return table;
    }
}
