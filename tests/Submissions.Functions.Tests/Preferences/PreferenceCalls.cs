using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Links;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Ledger;

namespace Submissions.Functions.Tests.Preferences;

/// <summary>The preference-centre link of a person, made by the app's own signer as the mail makes it, and calls to it.</summary>
public static class PreferenceCalls
{
    private static Dictionary<string, string> Browser => new() { ["Accept"] = "text/html,application/xhtml+xml" };

    /// <summary>The link's query string (<c>?token=…</c>), valid for 30 days unless told otherwise.</summary>
    public static string PreferencesQuery(this TestApp app, string email, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<SignedLinks>()
            .Preferences(app.SubjectOf(email), expiresAt ?? app.Time.GetUtcNow().AddDays(30)).Query;
    }

    public static async Task<TestResponse> ShowPreferencesAsync(this TestApp app, string query)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("GET", "/api/preferences", contentType: null, query: query, headers: Browser);
        return await app.Function<PreferenceFunctions>().ShowAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    /// <summary>A script's change: JSON in, JSON out.</summary>
    public static async Task<TestResponse> ChangePreferencesAsync(this TestApp app, string query, IDictionary<string, bool> labels)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("POST", "/api/preferences", JsonSerializer.Serialize(new { labels }), query: query);
        return await app.Function<PreferenceFunctions>().ChangeAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    /// <summary>The page's form as a browser posts it: the offered boxes, and the ticked ones.</summary>
    public static async Task<TestResponse> PostPreferenceFormAsync(this TestApp app, string query, string[] shown, string[] ticked)
    {
        ArgumentNullException.ThrowIfNull(app);
        var body = string.Join('&', shown.Select(id => "shown=" + Uri.EscapeDataString(id)).Concat(ticked.Select(id => "granted=" + Uri.EscapeDataString(id))));
        var request = HttpExchange.Request("POST", "/api/preferences", body, "application/x-www-form-urlencoded", query, Browser);
        return await app.Function<PreferenceFunctions>().ChangeAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    /// <summary>The ledger rows of the person's own partition.</summary>
    public static async Task<List<TableEntity>> OwnLedgerAsync(this TestApp app, string email) =>
        [.. (await app.RowsOfAsync(email)).Where(row => row.RowKey.StartsWith(LedgerRowKeys.ConsentPrefix, StringComparison.Ordinal))];

    /// <summary>Every row of every table with its ETag: equal snapshots mean nothing was written.</summary>
    public static async Task<List<string>> SnapshotAsync(this TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return [.. (await app.AllRowsAsync()).Select(entry => $"{entry.Table}/{entry.Row.PartitionKey}/{entry.Row.RowKey}/{entry.Row.ETag}").Order(StringComparer.Ordinal)];
    }
}
