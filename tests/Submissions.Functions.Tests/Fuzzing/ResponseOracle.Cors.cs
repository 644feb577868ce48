using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>The app's CORS, as every answer of the fuzzed app (which allows <see cref="FuzzWorld.AllowedOrigins"/>) must carry it.</summary>
public static partial class ResponseOracle
{
    /// <summary>What the preflight grants, whatever was asked for (docs/openapi.yaml, operation Preflight).</summary>
    private static readonly (string Name, string Value)[] PreflightGrant =
        [("Access-Control-Allow-Methods", "GET, POST"), ("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key"), ("Access-Control-Max-Age", "600")];

    /// <summary>
    /// Every answer varies by Origin; it names the origin (and the headers a script may read) exactly when the request
    /// sent one origin, ordinally one of the allowed ones, to a public route; never credentials; a preflight's allow
    /// headers only then and for one requested method, and only the fixed lists, never what the request asked for.
    /// </summary>
    private static void CheckCrossOrigin(FuzzCase fuzz, TestResponse response, List<string> violations)
    {
        var headers = response.Headers;
        var granted = GrantedOrigin(fuzz);
        var vary = string.Join(",", headers.Vary.ToArray()).Split(',', StringSplitOptions.TrimEntries);
        if (!vary.Contains("Origin", StringComparer.OrdinalIgnoreCase))
        {
            violations.Add($"an answer that does not vary by Origin (Vary: \"{headers.Vary}\"), though the app allows origins");
        }

        var allowOrigin = headers.AccessControlAllowOrigin.ToString();
        if (allowOrigin != (granted ?? string.Empty))
        {
            violations.Add($"Access-Control-Allow-Origin is \"{Bounded(allowOrigin)}\" where it must be \"{granted}\"");
        }

        if ((granted is not null) != (headers.AccessControlExposeHeaders.Count > 0))
        {
            violations.Add($"Access-Control-Expose-Headers is \"{headers.AccessControlExposeHeaders}\" for an origin {(granted is null ? "not " : string.Empty)}granted");
        }

        if (headers.TryGetValue("Access-Control-Allow-Credentials", out var credentials))
        {
            violations.Add($"Access-Control-Allow-Credentials is present (\"{credentials}\")");
        }

        var preflightGranted = fuzz.Endpoint == FuzzEndpoint.Preflight && granted is not null && Sent(fuzz, "Access-Control-Request-Method").Length == 1;
        foreach (var (name, value) in PreflightGrant)
        {
            var actual = headers.TryGetValue(name, out var values) ? values.ToString() : null;
            if (actual != (preflightGranted ? value : null))
            {
                violations.Add($"{name} is {(actual is null ? "absent" : $"\"{Bounded(actual)}\"")} where it must be {(preflightGranted ? $"\"{value}\"" : "absent")}");
            }
        }
    }

    /// <summary>The origin the answer must name: the one Origin sent, if it is exactly an allowed one and the route public.</summary>
    private static string? GrantedOrigin(FuzzCase fuzz)
    {
        var origins = Sent(fuzz, "Origin");
        return origins.Length == 1 && FuzzWorld.AllowedOrigins.Contains(origins[0], StringComparer.Ordinal) && !IsManagePath(fuzz.RequestPath)
            ? origins[0]
            : null;
    }

    /// <summary>A request header's values as sent; one empty value is a value (a header line with nothing after the colon).</summary>
    private static string[] Sent(FuzzCase fuzz, string name) => fuzz.Headers.TryGetValue(name, out var values) ? values : [];

    /// <summary>
    /// A path the host would route to a manage function: "api" then "manage" as whole segments, in any letter case
    /// (the host's routing ignores case); empty segments are skipped, the reading that grants less.
    /// </summary>
    private static bool IsManagePath(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0].Equals("api", StringComparison.OrdinalIgnoreCase) && segments[1].Equals("manage", StringComparison.OrdinalIgnoreCase);
    }
}
