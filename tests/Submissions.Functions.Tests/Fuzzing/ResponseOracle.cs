using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Testing;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// What must hold for every answer, whatever was sent: no 5xx and no escaped exception; only the statuses the API
/// documents (docs/openapi.yaml) for that endpoint; every error a problem+json without internals; no personal value in
/// the answer or in any log record the request produced; no storage write unless the request was accepted; and the
/// app's CORS headers on every answer as its policy says (ResponseOracle.Cors.cs).
/// </summary>
public static partial class ResponseOracle
{
    /// <summary>The documented statuses, less 500 and 503: the storage is up, so neither may happen here.</summary>
    private static readonly Dictionary<FuzzEndpoint, int[]> Documented = new()
    {
        [FuzzEndpoint.Registrations] = [201, 400, 413, 415, 422, 429],
        [FuzzEndpoint.Comments] = [201, 400, 413, 415, 422, 429],
        [FuzzEndpoint.Votes] = [201, 400, 404, 409, 413, 415, 422, 429],
        [FuzzEndpoint.PromotionEntries] = [201, 400, 404, 409, 413, 415, 422, 429],
        [FuzzEndpoint.OptOutPost] = [200, 400],
        [FuzzEndpoint.OptOutGet] = [200, 400],
        [FuzzEndpoint.PreferencesPost] = [200, 400, 410, 413, 415],
        [FuzzEndpoint.PreferencesGet] = [200, 400, 410],
        [FuzzEndpoint.PageComments] = [200, 400],
        [FuzzEndpoint.PollResults] = [200, 404],
        [FuzzEndpoint.ConsentLabels] = [200, 400, 404],
        [FuzzEndpoint.Health] = [200],

        // A malformed promotion id is a 404 like an unknown one (docs/openapi.yaml): no 400 here.
        [FuzzEndpoint.PromotionGet] = [200, 404],
        [FuzzEndpoint.Preflight] = [204],

        // A genuine link past its expiry, or naming nothing that waits, is a 410 (link-expired).
        [FuzzEndpoint.ConfirmGet] = [200, 400, 410],
        [FuzzEndpoint.ConfirmPost] = [200, 400, 410],
    };

    public static bool IsAccepted(TestResponse response) => response.Status is >= 200 and < 300;

    public static List<string> Check(FuzzCase fuzz, TestResponse? response, Exception? escaped, IReadOnlyList<FakeLogRecord> newLogs, int writes)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        ArgumentNullException.ThrowIfNull(newLogs);
        var violations = new List<string>();
        if (escaped is not null || response is null)
        {
            violations.Add($"an exception escaped the function: {escaped?.GetType().FullName}: {escaped?.Message}");
            return violations;
        }

        CheckStatusAndBody(fuzz, response, violations);
        CheckCrossOrigin(fuzz, response, violations);
        if (fuzz.Endpoint == FuzzEndpoint.PromotionGet)
        {
            CheckPromotionView(fuzz, response, violations);
        }

        var secrets = Secrets(fuzz);
        var answer = response.Body + "\n" + string.Join("\n", response.Headers.Select(header => $"{header.Key}: {header.Value}"));
        if (secrets.FirstOrDefault(secret => answer.Contains(secret, StringComparison.OrdinalIgnoreCase)) is { } echoed)
        {
            violations.Add($"the answer echoes a submitted personal value (\"{Bounded(echoed)}\"): {Bounded(answer)}");
        }

        foreach (var record in newLogs)
        {
            var text = TestApp.LogText(record);
            if (secrets.FirstOrDefault(secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase)) is { } logged)
            {
                violations.Add($"log record {record.Category}/{record.Id} carries a submitted personal value (\"{Bounded(logged)}\"): {Bounded(text)}");
            }
        }

        // A refused form may have tried a transaction that met a conflict; the storage ledger checks that it stored nothing.
        // A results read may publish the poll's next results step (one row, meta~published); the ledger checks that too.
        var mayWrite = fuzz.IsForm || (fuzz.Method == "POST" && IsAccepted(response)) || (fuzz.Endpoint == FuzzEndpoint.PollResults && response.Status == 200);
        if (!mayWrite && writes > 0)
        {
            violations.Add($"a {response.Status} answer, yet {writes} storage write(s) were made");
        }

        return violations;
    }

    private static void CheckStatusAndBody(FuzzCase fuzz, TestResponse response, List<string> violations)
    {
        if (response.Status >= 500)
        {
            violations.Add($"a server error: {response.Status} {Bounded(response.Body)}");
        }
        else if (!Documented[fuzz.Endpoint].Contains(response.Status))
        {
            violations.Add($"status {response.Status} is not documented for {fuzz.Endpoint}: {Bounded(response.Body)}");
        }

        if (fuzz.MustRefuse && IsAccepted(response))
        {
            violations.Add($"a request that is invalid by construction was accepted: {response.Status} {Bounded(response.Body)}");
        }

        if (response.Status >= 400)
        {
            CheckProblem(response, violations);
        }
        else if (response.Status == 204)
        {
            if (response.Body.Length > 0)
            {
                violations.Add($"a 204 with a body ({response.ContentType}): {Bounded(response.Body)}");
            }
        }
        else if (response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true && !IsJson(response.Body))
        {
            violations.Add($"a {response.Status} whose body is not JSON ({response.ContentType}): {Bounded(response.Body)}");
        }
    }

    /// <summary>The case's marker (in every personal value it sent) and its other personal values (forwarded addresses).</summary>
    public static IReadOnlyList<string> Secrets(FuzzCase fuzz)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        return [fuzz.Marker, .. fuzz.PersonalValues];
    }

    private static void CheckProblem(TestResponse response, List<string> violations)
    {
        if (!response.IsProblem)
        {
            violations.Add($"a {response.Status} that is not application/problem+json ({response.ContentType}): {Bounded(response.Body)}");
            return;
        }

        try
        {
            var problem = response.Json;
            if (!problem.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != response.Status)
            {
                violations.Add($"a problem whose 'status' is not {response.Status}: {Bounded(response.Body)}");
            }

            if (!problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
            {
                violations.Add($"a problem without a title: {Bounded(response.Body)}");
            }
        }
        catch (JsonException)
        {
            violations.Add($"a problem body that is not JSON: {Bounded(response.Body)}");
        }

        if (Internals().Match(response.Body) is { Success: true } leak)
        {
            violations.Add($"a problem that shows internals (\"{leak.Value}\"): {Bounded(response.Body)}");
        }
    }

    private static bool IsJson(string body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static string Bounded(string value) => value.Length <= 600 ? value : value[..600] + "…";

    /// <summary>Stack frames, exception types and framework namespaces: nothing a client should see.</summary>
    [GeneratedRegex(@"Exception\b|\bat [A-Z][A-Za-z0-9_]*\.[A-Za-z]|\.cs:line|\bSystem\.|\bMicrosoft\.|\bAzure\.|StackTrace|InnerException", RegexOptions.CultureInvariant)]
    private static partial Regex Internals();
}
