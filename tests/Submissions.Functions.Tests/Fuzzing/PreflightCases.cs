using CsCheck;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// Hostile CORS preflights (OPTIONS under /api): origins that are almost an allowed one, odd request methods and
/// headers, and paths that are or are not manage routes, in spellings the server hands over as they are.
/// </summary>
public static class PreflightCases
{
    /// <summary>
    /// Origin header values: the allowed ones first, then near misses a lax comparison would let through, and values
    /// carrying the marker (never to be echoed).
    /// </summary>
    public static IReadOnlyList<string[]> Origins(string marker) =>
    [
        [FuzzWorld.AllowedOrigins[0]], [FuzzWorld.AllowedOrigins[1]],
        [FuzzWorld.AllowedOrigins[0], FuzzWorld.AllowedOrigins[0]], [FuzzWorld.AllowedOrigins[0], "https://evil.example"],
        [string.Join(", ", FuzzWorld.AllowedOrigins)], [FuzzWorld.AllowedOrigins[0] + "/"], ["HTTP://LOCALHOST:3000"], ["http://Localhost:3000"],
        [FuzzWorld.AllowedOrigins[0] + " "], [" " + FuzzWorld.AllowedOrigins[0]], ["http://localhost:3001"], ["http://localhost"], ["https://localhost:3000"],
        ["http://127.0.0.1:3000"], ["https://www.example.org:443"], ["https://example.org"], ["https://www.example.org.evil.example"],
        ["https://www.example.org@evil.example"], ["https://evil.example"], ["null"], ["*"], [""], ["file://"], ["http://localhost:3000\u0000"],
        ["http://localhost:3000\r\nAccess-Control-Allow-Credentials: true"], ["https://www.ex\u00E4mple.org"], ["https://www.example.org\u200B"],
        ["\uFF48\uFF54\uFF54\uFF50://localhost:3000"], ["https://" + marker + ".example"], [FuzzWorld.AllowedOrigins[0] + "/" + marker],
        ["https://" + new string('a', 8000) + ".example"],
    ];

    /// <summary>Paths the catch-all route takes (so all under /api); the first group names manage routes.</summary>
    private static IReadOnlyList<string> ManagePaths(string marker) =>
    [
        "/api/manage", "/api/manage/", "/api/manage/consent-labels/terms", "/api/MANAGE/stats", "/api/Manage/exports/registrations", "/API/manage/comments",
        "/api//manage/stats", "/api/manage//subjects/erase", "/api/manage/deliveries/" + marker, "/api/manage/" + new string('a', 5000),
        "/api/mAnAgE/polls/demo-poll",
    ];

    private static IReadOnlyList<string> PublicPaths(string marker) =>
    [
        "/api", "/api/", "/api/registrations", "/api/comments", "/api/polls/demo-poll/votes", "/api/promotions/demo-promotion",
        "/api/promotions/demo-promotion/entries", "/api/pages/fuzz-page-0/comments", "/api/opt-out", "/api/health", "/api/consent-labels",
        "/api/no/such/route", "/api/managers", "/api/manage-x/y", "/api/x/manage", "/api/manage.json", "/api/manage%2Fconsent-labels",
        "/api/ manage/stats", "/api/manag\u0435/stats", "/api/\u202Emanage", "/api/manage\u0000/stats", "/api/caf\u00E9/\u65E5\u672C",
        "/api/" + marker, "/api/registrations/" + new string('a', 5000), "/api/" + string.Concat(Enumerable.Repeat("a/", 500)),
    ];

    private static IReadOnlyList<string[]> RequestMethods(string marker) =>
    [
        ["POST"], ["GET"], ["PUT"], ["DELETE"], ["post"], ["OPTIONS"], [""], ["POST", "PUT"], ["POST, PUT"], ["P\u00D6ST"],
        [new string('P', 5000)], [marker], ["POST\r\nX-Injected: 1"],
    ];

    private static IReadOnlyList<string[]> RequestHeaders(string marker) =>
    [
        ["content-type,idempotency-key"], ["content-type"], [""], ["authorization"], ["x-functions-key"], ["cookie"], ["content-type, x-" + marker],
        [string.Join(",", Enumerable.Range(0, 500).Select(i => $"x-h{i}"))], ["\u00FCmlaut"], ["content-type", "idempotency-key"], ["*"],
    ];

    public static Gen<FuzzCase> Preflight() => new DrawGen<FuzzCase>(draw =>
    {
        var marker = FormTemplates.NewMarker(draw);
        var category = draw.Pick("allowed", "origin", "path", "request-method", "request-headers", "headers");
        var builder = new CaseBuilder(FuzzEndpoint.Preflight, category, marker)
        {
            ContentType = null,
            Route = draw.PickFrom(PublicPaths(marker).Take(11).ToList()),
        };
        builder.Header("Origin", draw.PickFrom(FuzzWorld.AllowedOrigins));
        builder.Header("Access-Control-Request-Method", draw.Pick("POST", "GET"));
        if (draw.Chance(60))
        {
            builder.Header("Access-Control-Request-Headers", draw.Pick("content-type", "content-type,idempotency-key"));
        }

        switch (category)
        {
            case "allowed":
                builder.Noise(draw);
                break;
            case "origin":
                builder.Header("Origin", draw.PickFrom(Origins(marker)));
                break;
            case "path":
                builder.Route = draw.Chance(50) ? draw.PickFrom(ManagePaths(marker)) : draw.PickFrom(PublicPaths(marker));
                break;
            case "request-method":
                builder.Header("Access-Control-Request-Method", draw.PickFrom(RequestMethods(marker)));
                break;
            case "request-headers":
                builder.Header("Access-Control-Request-Headers", draw.PickFrom(RequestHeaders(marker)));
                break;
            default:
                WithoutOrWithStrangeHeaders(draw, builder, marker);
                break;
        }

        return builder.Build();
    });

    /// <summary>No CORS request headers at all, a body and content type a preflight never has, odd queries.</summary>
    private static void WithoutOrWithStrangeHeaders(Draw draw, CaseBuilder builder, string marker)
    {
        if (draw.Chance(30))
        {
            builder.Header("Access-Control-Request-Method");
        }

        if (draw.Chance(30))
        {
            builder.Header("Origin");
        }

        if (draw.Chance(40))
        {
            builder.WithBody(draw.Pick("{}", $"{{\"email\":\"{marker}@example.test\"}}", new string('x', 20_000)));
        }

        builder.Query = draw.Pick<string?>(null, "?", "?%", $"?email={marker}%40example.test", "?a=" + new string('x', 4000));
        builder.HostileHeaderSet(draw);
    }
}
