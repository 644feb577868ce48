using System.Text.Json;
using Submissions.Functions.Http;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Partners, promotions and entries through the partner and promotion functions.</summary>
public static class PromotionForms
{
    public const string DemoPromotion = "demo-promotion";

    public static object[] Consents(bool share, bool terms = true, string sharingLabel = "demo-partner-sharing") =>
    [
        new { labelId = "promotion-terms", version = 1, granted = terms },
        new { labelId = sharingLabel, version = 1, granted = share },
    ];

    public static object Entry(string email, bool share, string name = "Entrant Name", object? fields = null, object[]? consents = null) =>
        new { email, name, fields = fields ?? new { answer = "Blue" }, consents = consents ?? Consents(share) };

    /// <summary>
    /// Posts an entry and, unless <paramref name="confirm"/> is false, confirms it as its owner would: most tests are
    /// about an entry that took effect. The answer is the POST's.
    /// </summary>
    public static async Task<TestResponse> EnterAsync(this TestApp app, string promotionId, object entry, IDictionary<string, string>? headers = null, bool confirm = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.RecordSubmitted(entry);
        var request = HttpExchange.PostJson($"/api/promotions/{promotionId}/entries", entry, headers);
        var response = await app.Function<PromotionFunctions>().EnterAsync(request, promotionId, CancellationToken.None).ExecuteAsync(request);
        if (confirm && response.Status == 201)
        {
            await app.ConfirmAnsweredAsync(response, app.Tables.Promotions, promotionId);
        }

        return response;
    }

    public static async Task<TestResponse> PutPartnerAsync(this TestApp app, string partnerId, object definition)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("PUT", $"/api/manage/partners/{partnerId}", JsonSerializer.Serialize(definition, HttpExchange.JsonOptions));
        return await app.Function<PartnerFunctions>().PutPartnerAsync(request, partnerId, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<TestResponse> PutPromotionAsync(this TestApp app, string promotionId, object definition)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("PUT", $"/api/manage/promotions/{promotionId}", JsonSerializer.Serialize(definition, HttpExchange.JsonOptions));
        return await app.Function<PromotionFunctions>().PutPromotionAsync(request, promotionId, CancellationToken.None).ExecuteAsync(request);
    }

    public static object Promotion(
        string partner = "demo-partner", string sharingLabel = "demo-partner-sharing", bool requiresSharing = false,
        DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null) => new
        {
            title = "A test promotion",
            partner,
            sharingLabels = new[] { sharingLabel },
            requiresSharing,
            fields = new[] { new { name = "answer", required = true, maxLength = 20 } },
            startsAt = startsAt ?? DateTimeOffset.UtcNow.AddYears(-1),
            endsAt = endsAt ?? DateTimeOffset.UtcNow.AddYears(5),
        };
}
