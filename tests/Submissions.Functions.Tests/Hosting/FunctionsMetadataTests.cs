using System.Text.Json;
using Submissions.Testing;

namespace Submissions.Functions.Tests.Hosting;

/// <summary>
/// The Functions host routes requests from the functions.metadata the build generates, not from our code. These
/// tests read that file and hold every function to the HTTP contract in docs and README.
/// </summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>The contract: function name → trigger, route, methods, authorization level.</summary>
    public static TheoryData<string, string, string, string, string> Contract { get; } = new()
    {
        { "GetConsentLabels", "httpTrigger", "consent-labels", "get", "Anonymous" },
        { "PutConsentLabel", "httpTrigger", "manage/consent-labels/{labelId}", "put", "Function" },
        { "SubmitRegistration", "httpTrigger", "registrations", "post", "Anonymous" },
        { "GetHealth", "httpTrigger", "health", "get", "Anonymous" },
        { "SubmitComment", "httpTrigger", "comments", "post", "Anonymous" },
        { "ListPageComments", "httpTrigger", "pages/{pageId}/comments", "get", "Anonymous" },
        { "ListCommentsForModeration", "httpTrigger", "manage/comments", "get", "Function" },
        { "ApproveComment", "httpTrigger", "manage/comments/{commentId}/approve", "post", "Function" },
        { "RejectComment", "httpTrigger", "manage/comments/{commentId}/reject", "post", "Function" },
        { "CastVote", "httpTrigger", "polls/{pollId}/votes", "post", "Anonymous" },
        { "GetPollResults", "httpTrigger", "polls/{pollId}/results", "get", "Anonymous" },
        { "GetPromotion", "httpTrigger", "promotions/{promotionId}", "get", "Anonymous" },
        { "PutPoll", "httpTrigger", "manage/polls/{pollId}", "put", "Function" },
        { "EnterPromotion", "httpTrigger", "promotions/{promotionId}/entries", "post", "Anonymous" },
        { "PutPromotion", "httpTrigger", "manage/promotions/{promotionId}", "put", "Function" },
        { "PutPartner", "httpTrigger", "manage/partners/{partnerId}", "put", "Function" },
        { "ResumePartner", "httpTrigger", "manage/partners/{partnerId}/resume", "post", "Function" },
        { "TestPartner", "httpTrigger", "manage/partners/{partnerId}/test", "post", "Function" },
        { "RecoverPartner", "httpTrigger", "manage/partners/{partnerId}/recover", "post", "Function" },
        { "ListFailedDeliveries", "httpTrigger", "manage/deliveries", "get", "Function" },
        { "RetryDelivery", "httpTrigger", "manage/deliveries/{deliveryId}/retry", "post", "Function" },
        { "AccessSubject", "httpTrigger", "manage/subjects/access", "post", "Function" },
        { "EraseSubject", "httpTrigger", "manage/subjects/erase", "post", "Function" },
        { "WithdrawSubjectConsent", "httpTrigger", "manage/subjects/withdraw", "post", "Function" },
        { "SubjectLinks", "httpTrigger", "manage/subjects/links", "post", "Function" },
        { "ConfirmOptOut", "httpTrigger", "opt-out", "get", "Anonymous" },
        { "OptOut", "httpTrigger", "opt-out", "post", "Anonymous" },
        { "ShowConfirmation", "httpTrigger", "confirm", "get", "Anonymous" },
        { "Confirm", "httpTrigger", "confirm", "post", "Anonymous" },
        { "ShowPreferences", "httpTrigger", "preferences", "get", "Anonymous" },
        { "ChangePreferences", "httpTrigger", "preferences", "post", "Anonymous" },
        { "GetStatistics", "httpTrigger", "manage/stats", "get", "Function" },
        { "ExportData", "httpTrigger", "manage/exports/{kind}", "get", "Function" },
        { "GetExportJob", "httpTrigger", "manage/export-jobs/{jobId}", "get", "Function" },
        { "DownloadExportJobFile", "httpTrigger", "manage/export-jobs/{jobId}/file", "get", "Function" },
        { "Preflight", "httpTrigger", "{*path}", "options", "Anonymous" },
        { "SubmitPrivacyRequest", "httpTrigger", "privacy-requests", "post", "Anonymous" },
        { "ShowPrivacyRequestConfirmation", "httpTrigger", "privacy-requests/confirm", "get", "Anonymous" },
        { "ConfirmPrivacyRequest", "httpTrigger", "privacy-requests/confirm", "post", "Anonymous" },
        { "DownloadPrivacyRequestData", "httpTrigger", "privacy-requests/download", "get", "Anonymous" },
        { "ListPrivacyRequests", "httpTrigger", "manage/privacy-requests", "get", "Function" },
        { "ListConsentLabels", "httpTrigger", "manage/consent-labels", "get", "Function" },
        { "GetConsentLabel", "httpTrigger", "manage/consent-labels/{labelId}", "get", "Function" },
        { "ListPartners", "httpTrigger", "manage/partners", "get", "Function" },
        { "GetPartner", "httpTrigger", "manage/partners/{partnerId}", "get", "Function" },
        { "ListPromotions", "httpTrigger", "manage/promotions", "get", "Function" },
        { "GetPromotionDefinition", "httpTrigger", "manage/promotions/{promotionId}", "get", "Function" },
        { "ListPolls", "httpTrigger", "manage/polls", "get", "Function" },
        { "GetPollDefinition", "httpTrigger", "manage/polls/{pollId}", "get", "Function" },
        { "ListAuditRecords", "httpTrigger", "manage/audit", "get", "Function" },
        { "ListPurgeReports", "httpTrigger", "manage/purge-reports", "get", "Function" },
    };

    /// <summary>Every function the build generated; the admin authorization tests enumerate the manage ones from it.</summary>
    internal static readonly Lazy<IReadOnlyList<JsonElement>> Functions = new(Load);

    [Theory]
    [MemberData(nameof(Contract))]
    public void Each_function_has_the_contracted_trigger_route_methods_and_authorization(string name, string trigger, string route, string methods, string authLevel)
    {
        var function = Assert.Single(Functions.Value, f => f.GetProperty("name").GetString() == name);
        var binding = TriggerOf(function);

        Assert.Equal(trigger, binding.GetProperty("type").GetString());
        Assert.Equal(route, binding.GetProperty("route").GetString());
        Assert.Equal(methods.Split(','), binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(authLevel, binding.GetProperty("authLevel").GetString());
        Assert.Equal("Submissions.Functions.dll", function.GetProperty("scriptFile").GetString());
    }

    /// <summary>Queue and timer triggers: name → trigger, queue name or schedule, connection.</summary>
    public static TheoryData<string, string, string, string?> Background { get; } = new()
    {
        { "DeliverToPartner", "queueTrigger", "partner-deliveries", "SubmissionsStorage" },
        { "RecordDeliveryDeadLetter", "queueTrigger", "partner-deliveries-poison", "SubmissionsStorage" },
        { "SweepDeliveryOutbox", "timerTrigger", "0 */5 * * * *", null },
        { "DeliverPartnerNotice", "queueTrigger", "partner-notices", "SubmissionsStorage" },
        { "RecordNoticeDeadLetter", "queueTrigger", "partner-notices-poison", "SubmissionsStorage" },
        { "PurgeExpiredData", "timerTrigger", "0 5 0 * * *", null },
        { "RollUpStatistics", "timerTrigger", "0 10 * * * *", null },
        { "IndexExportDays", "timerTrigger", "0 20 * * * *", null },
        { "SendMail", "queueTrigger", "outbound-mail", "SubmissionsStorage" },
        { "RecordMailDeadLetter", "queueTrigger", "outbound-mail-poison", "SubmissionsStorage" },
        { "RunExportJob", "queueTrigger", "export-jobs", "SubmissionsStorage" },
    };

    [Theory]
    [MemberData(nameof(Background))]
    public void Each_background_function_has_the_contracted_trigger(string name, string trigger, string queueOrSchedule, string? connection)
    {
        var binding = TriggerOf(Assert.Single(Functions.Value, f => f.GetProperty("name").GetString() == name));

        Assert.Equal(trigger, binding.GetProperty("type").GetString());
        Assert.Equal(queueOrSchedule, binding.GetProperty(trigger == "queueTrigger" ? "queueName" : "schedule").GetString());
        Assert.Equal(connection, binding.TryGetProperty("connection", out var value) ? value.GetString() : null);
    }

    [Fact]
    public void The_host_json_sets_the_queue_retry_policy_deliberately()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.True(queues.TryGetProperty("visibilityTimeout", out _));
        Assert.True(queues.TryGetProperty("batchSize", out _));
    }

    [Fact]
    public void The_build_has_exactly_the_contracted_functions()
    {
        var contracted = Contract.Select(row => row.Data.Item1).Concat(Background.Select(row => row.Data.Item1)).Order(StringComparer.Ordinal);
        var built = Functions.Value.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal);

        Assert.Equal(contracted, built);
    }

    [Fact]
    public void No_route_begins_with_a_segment_the_host_reserves()
    {
        foreach (var function in Functions.Value.Where(IsHttp))
        {
            var route = TriggerOf(function).GetProperty("route").GetString()!;
            var firstSegment = route.Split('/')[0];
            Assert.False(firstSegment.Equals("admin", StringComparison.OrdinalIgnoreCase), route);
            Assert.False(firstSegment.Equals("runtime", StringComparison.OrdinalIgnoreCase), route);
        }
    }

    [Fact]
    public void Manage_routes_need_a_function_key_and_public_routes_are_anonymous()
    {
        foreach (var function in Functions.Value.Where(IsHttp))
        {
            var trigger = TriggerOf(function);
            var route = trigger.GetProperty("route").GetString()!;
            var expected = route.StartsWith("manage/", StringComparison.Ordinal) ? "Function" : "Anonymous";
            Assert.Equal(expected, trigger.GetProperty("authLevel").GetString());
        }
    }

    [Fact]
    public void The_shipped_host_json_is_the_repository_one_with_OpenTelemetry()
    {
        var shipped = File.ReadAllText(Path.Combine(AppOutputDirectory(), "host.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), shipped);
        using var document = JsonDocument.Parse(shipped);
        Assert.Equal("OpenTelemetry", document.RootElement.GetProperty("telemetryMode").GetString());
    }

    private static bool IsHttp(JsonElement function) => TriggerOf(function).GetProperty("type").GetString() == "httpTrigger";

    internal static JsonElement TriggerOf(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(binding =>
            binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static IReadOnlyList<JsonElement> Load()
    {
        var path = Path.Combine(AppOutputDirectory(), "functions.metadata");
        Assert.True(File.Exists(path), $"The build did not generate {path}.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(function => function.Clone())];
    }

    /// <summary>The function app's own build output, in the configuration these tests were built in.</summary>
    private static string AppOutputDirectory()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        return Path.Combine(RepositoryPaths.Root, "src", "Submissions.Functions", "bin", configuration, testOutput.Name);
    }
}
