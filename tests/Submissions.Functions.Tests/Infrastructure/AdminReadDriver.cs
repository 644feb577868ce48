using Submissions.Functions.Http;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Calls the admin read routes (GET manage/…) as the host would.</summary>
public static class AdminReadDriver
{
    public static Task<TestResponse> ListConsentLabelsAsync(this TestApp app, string? query = null) =>
        RunAsync("/api/manage/consent-labels", query, request => app.Function<ConsentLabelFunctions>().ListAsync(request, TestContext.Current.CancellationToken));

    public static Task<TestResponse> GetConsentLabelAsync(this TestApp app, string labelId) =>
        RunAsync($"/api/manage/consent-labels/{labelId}", null, request => app.Function<ConsentLabelFunctions>().GetAsync(request, labelId, TestContext.Current.CancellationToken));

    public static Task<TestResponse> ListPartnersAsync(this TestApp app, string? query = null) =>
        RunAsync("/api/manage/partners", query, request => app.Function<PartnerFunctions>().ListAsync(request, TestContext.Current.CancellationToken));

    public static Task<TestResponse> GetPartnerAsync(this TestApp app, string partnerId) =>
        RunAsync($"/api/manage/partners/{partnerId}", null, request => app.Function<PartnerFunctions>().GetAsync(request, partnerId, TestContext.Current.CancellationToken));

    public static Task<TestResponse> ListPromotionsAsync(this TestApp app, string? query = null) =>
        RunAsync("/api/manage/promotions", query, request => app.Function<PromotionFunctions>().ListAsync(request, TestContext.Current.CancellationToken));

    public static Task<TestResponse> GetPromotionDefinitionAsync(this TestApp app, string promotionId) =>
        RunAsync($"/api/manage/promotions/{promotionId}", null, request => app.Function<PromotionFunctions>().GetDefinitionAsync(request, promotionId, TestContext.Current.CancellationToken));

    public static Task<TestResponse> ListPollsAsync(this TestApp app, string? query = null) =>
        RunAsync("/api/manage/polls", query, request => app.Function<PollFunctions>().ListAsync(request, TestContext.Current.CancellationToken));

    public static Task<TestResponse> GetPollDefinitionAsync(this TestApp app, string pollId) =>
        RunAsync($"/api/manage/polls/{pollId}", null, request => app.Function<PollFunctions>().GetDefinitionAsync(request, pollId, TestContext.Current.CancellationToken));

    public static Task<TestResponse> ListAuditAsync(this TestApp app, string? query) =>
        RunAsync("/api/manage/audit", query, request => app.Function<AdminLogFunctions>().ListAuditAsync(request, TestContext.Current.CancellationToken));

    public static Task<TestResponse> ListPurgeReportsAsync(this TestApp app, string? query) =>
        RunAsync("/api/manage/purge-reports", query, request => app.Function<AdminLogFunctions>().ListPurgeReportsAsync(request, TestContext.Current.CancellationToken));

    /// <summary>
    /// Every item of a listing, following its continuation tokens: each page holds at most <paramref name="pageSize"/>
    /// items, and the walk ends on a page without a token.
    /// </summary>
    public static async Task<List<System.Text.Json.JsonElement>> AllPagesAsync(
        Func<string, Task<TestResponse>> list, string items, int pageSize, string? query = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        var all = new List<System.Text.Json.JsonElement>();
        string? token = null;
        for (var page = 0; page < 100; page++)
        {
            var response = await list($"?pageSize={pageSize}" + (query is null ? string.Empty : "&" + query)
                + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(200, response.Status);
            Assert.Equal("no-store", response.Headers.CacheControl.ToString());
            var found = response.Json.GetProperty(items).EnumerateArray().Select(item => item.Clone()).ToList();
            Assert.True(found.Count <= pageSize, $"A page held {found.Count} items, more than its size {pageSize}.");
            all.AddRange(found);
            token = response.Json.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
            if (token is null)
            {
                return all;
            }
        }

        throw new InvalidOperationException("The listing did not end within 100 pages.");
    }

    private static Task<TestResponse> RunAsync(string path, string? query, Func<Microsoft.AspNetCore.Http.HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> call)
    {
        var request = HttpExchange.Request("GET", path, contentType: null, query: query is null || query.StartsWith('?') ? query : "?" + query);
        return call(request).ExecuteAsync(request);
    }
}
