using System.Text.Json;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>GET promotions/{promotionId}: what its answers must be besides the rules every endpoint has.</summary>
public static partial class ResponseOracle
{
    /// <summary>The Cache-Control docs/openapi.yaml gives a promotion view: cached as long as the label list (60 s).</summary>
    private const string PromotionCacheControl = "public, max-age=60";

    /// <summary>
    /// A world promotion is always found, with its own id and the status its window gives it, cacheable as documented and
    /// without partner internals; anything else is a 404 that no shared cache may keep.
    /// </summary>
    private static void CheckPromotionView(FuzzCase fuzz, TestResponse response, List<string> violations)
    {
        var route = fuzz.RouteValue ?? string.Empty;
        var expectedStatus = route == FuzzWorld.EndedPromotion ? "ended" : route == FuzzWorld.FuturePromotion ? "upcoming"
            : FuzzWorld.OpenPromotions.Contains(route) ? "open" : null;
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.Status != 200)
        {
            if (expectedStatus is not null)
            {
                violations.Add($"the world's promotion \"{route}\" was not found: {response.Status} {Bounded(response.Body)}");
            }

            if (cacheControl.Contains("public", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"a {response.Status} that shared caches may keep (Cache-Control: \"{cacheControl}\")");
            }

            return;
        }

        if (cacheControl != PromotionCacheControl)
        {
            violations.Add($"a promotion view with Cache-Control \"{cacheControl}\", not \"{PromotionCacheControl}\"");
        }

        if (response.Body.Contains("webhook", StringComparison.OrdinalIgnoreCase) || response.Body.Contains("secret", StringComparison.OrdinalIgnoreCase))
        {
            violations.Add($"a promotion view that shows partner internals: {Bounded(response.Body)}");
        }

        try
        {
            var view = response.Json;
            var id = view.TryGetProperty("promotionId", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
            var status = view.TryGetProperty("status", out var statusValue) && statusValue.ValueKind == JsonValueKind.String ? statusValue.GetString() : null;
            if (id != route || status != expectedStatus)
            {
                violations.Add($"the view of \"{route}\" has promotionId \"{id}\" and status \"{status}\" (expected \"{expectedStatus}\")");
            }
        }
        catch (JsonException)
        {
            // Already reported: a 200 whose body is not JSON.
        }
    }
}
