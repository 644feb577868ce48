using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Timers;

namespace Submissions.Functions.Tests.Exports;

/// <summary>Calls GET manage/exports/{kind} and reads the body back into rows of column → cell text.</summary>
public static class ExportCalls
{
    /// <summary>The day the test app's clock starts on (2026-11-24, 12:00 UTC): a range that holds everything a test submits.</summary>
    public static readonly DateTimeOffset DayStart = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    public static string Query(DateTimeOffset from, DateTimeOffset to, string? format = null) =>
        $"?from={Uri.EscapeDataString(Iso(from))}&to={Uri.EscapeDataString(Iso(to))}" + (format is null ? string.Empty : $"&format={format}");

    public static Task<TestResponse> ExportAsync(this TestApp app, string kind, string format, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        app.ExportRawAsync(kind, Query(from ?? DayStart, to ?? DayStart.AddDays(1), format));

    /// <summary>Runs the export day index's timer function once.</summary>
    public static Task IndexExportDaysAsync(this TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Function<ExportDayIndexFunction>().IndexAsync(null!, TestContext.Current.CancellationToken);
    }

    public static async Task<TestResponse> ExportRawAsync(this TestApp app, string kind, string query, Stream? responseBody = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = Request(kind, query, responseBody);
        return await app.Function<ExportFunctions>().ExportAsync(request, kind, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    public static HttpRequest Request(string kind, string query, Stream? responseBody = null)
    {
        var request = HttpExchange.Request("GET", $"/api/manage/exports/{kind}", contentType: null, query: query);
        if (responseBody is not null)
        {
            request.HttpContext.Response.Body = responseBody;
        }

        return request;
    }

    /// <summary>The rows of an export in either format, each as column → text ("" for an empty cell or JSON null).</summary>
    public static List<Dictionary<string, string>> Rows(this TestResponse response, string format)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (format == "csv")
        {
            var records = CsvReader.Parse(response.Body);
            var header = records[0];
            return [.. records.Skip(1).Select(record =>
            {
                Assert.Equal(header.Count, record.Count);
                return header.Zip(record).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
            })];
        }

        Assert.True(response.Body.Length == 0 || response.Body.EndsWith('\n'), "Every NDJSON line ends with LF.");
        return [.. response.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            JsonDocument.Parse(line).RootElement.EnumerateObject().ToDictionary(property => property.Name, property => Text(property.Value), StringComparer.Ordinal))];
    }

    /// <summary>The column names an export declared: the CSV header, or the first NDJSON object's properties.</summary>
    public static List<string> Columns(this TestResponse response, string format)
    {
        ArgumentNullException.ThrowIfNull(response);
        return format == "csv"
            ? [.. CsvReader.Parse(response.Body)[0]]
            : [.. JsonDocument.Parse(response.Body.Split('\n')[0]).RootElement.EnumerateObject().Select(property => property.Name)];
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
