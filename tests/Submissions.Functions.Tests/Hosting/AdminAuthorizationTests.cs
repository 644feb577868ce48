using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Admin;
using Submissions.Functions.Hosting;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Hosting;

/// <summary>
/// Admin authorization through the middleware the app registers, for every HTTP function the build generated: the
/// manage functions are read from functions.metadata, so a function added later is covered without touching this file.
/// </summary>
public sealed partial class AdminAuthorizationTests(AzuriteFixture azurite)
{
    /// <summary>The manage routes that exist today; the enumeration must find at least these, so an empty one cannot pass.</summary>
    private static readonly string[] KnownManageRoutes =
    [
        "manage/consent-labels/{labelId}", "manage/comments", "manage/comments/{commentId}/approve", "manage/comments/{commentId}/reject",
        "manage/polls/{pollId}", "manage/promotions/{promotionId}", "manage/partners/{partnerId}", "manage/deliveries",
        "manage/deliveries/{deliveryId}/retry", "manage/subjects/access", "manage/subjects/erase", "manage/subjects/withdraw",
        "manage/exports/{kind}", "manage/export-jobs/{jobId}", "manage/export-jobs/{jobId}/file",
        "manage/consent-labels", "manage/partners", "manage/promotions", "manage/polls", "manage/audit", "manage/purge-reports",
    ];

    /// <summary>Every manage function and method: name, entry point, method, a request path for its route.</summary>
    public static TheoryData<string, string, string, string> ManageInvocations { get; } = Invocations(manage: true);

    /// <summary>Every other HTTP function: they must run for anyone, with or without a principal.</summary>
    public static TheoryData<string, string, string, string> PublicInvocations { get; } = Invocations(manage: false);

    [Fact]
    public void The_enumeration_finds_every_manage_route_known_today()
    {
        var routes = HttpTriggers().Where(trigger => IsManage(trigger.Route)).Select(trigger => trigger.Route).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(KnownManageRoutes.ToHashSet(StringComparer.Ordinal), routes);
        Assert.Contains(PublicInvocations, row => row.Data.Item4 == "/api/registrations");
        Assert.Contains(PublicInvocations, row => row.Data.Item4 == "/api/opt-out");
    }

    [Theory]
    [MemberData(nameof(ManageInvocations))]
    public async Task Every_manage_function_refuses_a_request_without_the_admin_role_and_runs_with_it(string function, string entryPoint, string method, string path)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);

        var anonymous = await InvokeAsync(app, function, entryPoint, method, path, header: null);
        var notAdmin = await InvokeAsync(app, function, entryPoint, method, path, Principals.WithRoles("Submissions.Reader"));
        var admin = await InvokeAsync(app, function, entryPoint, method, path, Principals.WithRoles(Principals.AdminRole));

        AssertRefused(anonymous, 401);
        AssertRefused(notAdmin, 403);
        Assert.True(admin.NextRan);
        Assert.Equal(200, admin.Status);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Message == $"Admin request to function {function} refused: {AdminRefusalReason.NoPrincipal}");
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Message == $"Admin request to function {function} refused: {AdminRefusalReason.MissingRole}");
    }

    [Theory]
    [MemberData(nameof(ManageInvocations))]
    public async Task Every_manage_function_runs_without_a_principal_when_the_role_is_not_required(string function, string entryPoint, string method, string path)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, RequireRole(false), initializeStorage: false);

        var result = await InvokeAsync(app, function, entryPoint, method, path, header: null);

        Assert.True(result.NextRan);
    }

    [Theory]
    [MemberData(nameof(PublicInvocations))]
    public async Task Every_public_function_runs_without_a_principal(string function, string entryPoint, string method, string path)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);

        var anonymous = await InvokeAsync(app, function, entryPoint, method, path, header: null);
        var unreadable = await InvokeAsync(app, function, entryPoint, method, path, "not a principal");

        Assert.True(anonymous.NextRan);
        Assert.True(unreadable.NextRan);
    }

    public static TheoryData<string, int> Paths { get; } = new()
    {
        { "/api/manage/comments", 401 },
        { "/API/Manage/comments", 401 },
        { "/api/manage", 401 },
        { "/api//manage/comments", 401 },
        { "/api/manager/comments", 200 },
        { "/api/manage-comments", 200 },
        { "/api/comments/manage", 200 },
        { "/manage/comments", 200 },
    };

    /// <summary>By path alone (the stub names no real function): whole segments, any case — not a string prefix.</summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_path_is_covered_by_its_segments_not_by_a_string_prefix(string path, int expected)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);

        var result = await InvokeAsync(app, "Stub", "Stub", "GET", path, header: null);

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected == 200, result.NextRan);
    }

    [Fact]
    public async Task A_manage_function_reached_by_any_other_path_is_still_covered_by_its_route()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);
        var (function, entryPoint, method, _) = ManageInvocations.Select(row => row.Data).First();

        var result = await InvokeAsync(app, function, entryPoint, method, "/api/manage%2Fcomments", header: null);

        AssertRefused(result, 401);
    }

    public static TheoryData<string, string> Malformed { get; } = new()
    {
        { "not base64", "not base64 at all!" },
        { "base64 of text", Principals.Encode("signed-in-admin-4711@example.test") },
        { "truncated JSON", Principals.Encode("{\"claims\":[{\"typ\":\"roles\",\"val\":\"Submissions.Admin\"}") },
        { "a JSON array", Principals.Encode("[{\"typ\":\"roles\",\"val\":\"Submissions.Admin\"}]") },
        { "no claims property", Principals.Encode("{\"auth_typ\":\"aad\",\"role_typ\":\"roles\"}") },
        { "empty claims", Principals.Header("roles") },
        { "claims of the wrong shape", Principals.Encode("{\"role_typ\":\"roles\",\"claims\":[{\"typ\":\"roles\",\"val\":1},\"Submissions.Admin\"]}") },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_principal_is_a_401_that_echoes_nothing(string _, string header)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);

        var result = await InvokeAsync(app, "AccessSubject", "Stub", "POST", "/api/manage/subjects/access", header);

        AssertRefused(result, 401);
        Assert.DoesNotContain(header, result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.GetSnapshot(), record => TestApp.LogText(record).Contains(header, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Neither_refusal_echoes_the_header_or_a_claim_in_the_response_or_the_logs()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);
        var header = Principals.WithRoles("Submissions.Reader");

        var refused = await InvokeAsync(app, "AccessSubject", "Stub", "POST", "/api/manage/subjects/access", header);

        AssertRefused(refused, 403);
        string[] secrets = [header, Principals.Name, Principals.ObjectId, "Submissions.Reader"];
        var logs = string.Join('\n', app.Logs.GetSnapshot().Select(TestApp.LogText));
        Assert.All(secrets, secret =>
        {
            Assert.DoesNotContain(secret, refused.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_role_is_configuration_and_role_claims_follow_role_typ_or_the_standard_types()
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["Admin:Role"] = "Site.Owner" }, initializeStorage: false);
        const string path = "/api/manage/comments";

        var defaultRole = await InvokeAsync(app, "ListCommentsForModeration", "Stub", "GET", path, Principals.WithRoles(Principals.AdminRole));
        var ownRoleType = await InvokeAsync(app, "ListCommentsForModeration", "Stub", "GET", path, Principals.Header("grp", ("grp", "Site.Owner")));
        var longRoleType = await InvokeAsync(
            app, "ListCommentsForModeration", "Stub", "GET", path, Principals.Header(null, ("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "Site.Owner")));
        var otherClaimType = await InvokeAsync(app, "ListCommentsForModeration", "Stub", "GET", path, Principals.Header("roles", ("groups", "Site.Owner")));
        var otherCase = await InvokeAsync(app, "ListCommentsForModeration", "Stub", "GET", path, Principals.Header("roles", ("roles", "site.owner")));

        AssertRefused(defaultRole, 403);
        Assert.True(ownRoleType.NextRan);
        Assert.True(longRoleType.NextRan);
        AssertRefused(otherClaimType, 403);
        AssertRefused(otherCase, 403);
    }

    [Fact]
    public async Task The_role_is_required_by_default_and_the_app_registers_the_middleware()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, environment: "Production", initializeStorage: false);

        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AdminOptions>>().Value;

        Assert.True(options.RequireRole);
        Assert.Equal(Principals.AdminRole, options.Role);
        Assert.NotNull(app.Services.GetService<AdminAuthorizationMiddleware>());
    }

    private static void AssertRefused(Invocation result, int status)
    {
        Assert.Equal(status, result.Status);
        Assert.False(result.NextRan);
        Assert.StartsWith("application/problem+json", result.ContentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(result.Body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
    }

    private static async Task<Invocation> InvokeAsync(TestApp app, string function, string entryPoint, string method, string path, string? header)
    {
        var middleware = app.Services.GetRequiredService<AdminAuthorizationMiddleware>();
        var request = HttpExchange.Request(method, path, method is "GET" ? null : "{}", headers: header is null ? null : Principals.Headers(header));
        var nextRan = false;

        await middleware.Invoke(new StubFunctionContext(request.HttpContext, function, entryPoint), _ =>
        {
            nextRan = true;
            return Task.CompletedTask;
        });

        var response = request.HttpContext.Response;
        response.Body.Position = 0;
        var body = await new StreamReader(response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        return new Invocation(nextRan, response.StatusCode, response.ContentType, body);
    }

    private static Dictionary<string, string?> RequireRole(bool value) => new() { ["Admin:RequireRole"] = value ? "true" : "false" };

    private static bool IsManage(string route) => route.Split('/')[0].Equals("manage", StringComparison.OrdinalIgnoreCase);

    private static TheoryData<string, string, string, string> Invocations(bool manage)
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var trigger in HttpTriggers().Where(trigger => IsManage(trigger.Route) == manage))
        {
            foreach (var method in trigger.Methods)
            {
                data.Add(trigger.Name, trigger.EntryPoint, method.ToUpperInvariant(), "/api/" + SampleValues().Replace(trigger.Route, Sample));
            }
        }

        return data;
    }

    private static IEnumerable<HttpTrigger> HttpTriggers() => FunctionsMetadataTests.Functions.Value
        .Select(function => (Function: function, Trigger: FunctionsMetadataTests.TriggerOf(function)))
        .Where(pair => pair.Trigger.GetProperty("type").GetString() == "httpTrigger")
        .Select(pair => new HttpTrigger(
            pair.Function.GetProperty("name").GetString()!,
            pair.Function.GetProperty("entryPoint").GetString()!,
            pair.Trigger.GetProperty("route").GetString()!,
            [.. pair.Trigger.GetProperty("methods").EnumerateArray().Select(method => method.GetString()!)]))
        .OrderBy(trigger => trigger.Name, StringComparer.Ordinal);

    /// <summary>A value its route constraint accepts: a GUID for {x:guid}, a number for {x:int}/{x:long}, else an id.</summary>
    private static string Sample(Match parameter) => parameter.Groups["constraint"].Value switch
    {
        "guid" => "0b6f4b8e-3c1d-4d7a-9a51-6e2f8c0d1a23",
        "int" or "long" => "1",
        _ => "sample-" + parameter.Groups["name"].Value.ToLowerInvariant(),
    };

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z0-9_]+)(?::(?<constraint>[a-z]+)[^}]*)?\??\}")]
    private static partial Regex SampleValues();

    private sealed record HttpTrigger(string Name, string EntryPoint, string Route, string[] Methods);

    private sealed record Invocation(bool NextRan, int Status, string? ContentType, string Body);
}
