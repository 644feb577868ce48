using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Functions.Hosting;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Cors;

/// <summary>
/// The app's own CORS, through the worker middleware the app registers and the functions it wraps, as a browser at a
/// site origin meets it: preflights, and the headers a script must read on a 429, a replay and a 201.
/// </summary>
public sealed class CorsTests(AzuriteFixture azurite)
{
    private const string Site = "http://localhost:3000";

    private static readonly Dictionary<string, string?> AllowSite = new() { ["Cors:AllowedOrigins"] = $"{Site}, https://www.example.org" };

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_allows_the_forms_methods_and_headers()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, AllowSite, initializeStorage: false);

        var response = await PreflightAsync(app, "/api/registrations", Site);

        Assert.Equal(204, response.Status);
        Assert.Equal(Site, response.Headers.AccessControlAllowOrigin.ToString());
        Assert.Equal("GET, POST", response.Headers.AccessControlAllowMethods.ToString());
        Assert.Equal("Content-Type, Idempotency-Key", response.Headers.AccessControlAllowHeaders.ToString());
        Assert.Equal("600", response.Headers.AccessControlMaxAge.ToString());
        Assert.Equal("Origin", response.Headers.Vary.ToString());
        Assert.False(response.Headers.ContainsKey("Access-Control-Allow-Credentials"));
        Assert.Empty(response.Body);
    }

    [Theory]
    [InlineData("/api/registrations", "https://evil.example")]
    [InlineData("/api/registrations", "http://localhost:3001")]
    [InlineData("/api/registrations", "null")]
    [InlineData("/api/manage/consent-labels/terms", Site)]
    public async Task A_preflight_from_another_origin_or_to_a_manage_route_gets_no_CORS_header(string path, string origin)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, AllowSite, initializeStorage: false);

        var response = await PreflightAsync(app, path, origin);

        Assert.Equal(204, response.Status);
        Assert.DoesNotContain(response.Headers.Keys, name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Origin", response.Headers.Vary.ToString());
    }

    [Fact]
    public async Task A_429_to_an_allowed_origin_exposes_Retry_After()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>(AllowSite) { ["RateLimits:PermitsPerWindow"] = "1" });

        var first = await SubmitAsync(app, Site);
        var limited = await SubmitAsync(app, Site);

        Assert.Equal(201, first.Status);
        Assert.Equal(429, limited.Status);
        Assert.Equal(Site, limited.Headers.AccessControlAllowOrigin.ToString());
        Assert.Contains("Retry-After", limited.Headers.AccessControlExposeHeaders.ToString().Split(", "));
        Assert.True(int.Parse(limited.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("urn:submissions:problem:rate-limited", limited.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_replayed_submission_to_an_allowed_origin_exposes_Idempotent_Replayed()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, AllowSite);
        var body = RegistrationForms.Body(RegistrationForms.NewEmail());
        var key = "key-" + Guid.NewGuid();

        var first = await SubmitAsync(app, Site, body, key);
        var replayed = await SubmitAsync(app, Site, body, key);

        Assert.Equal(201, first.Status);
        Assert.Equal(201, replayed.Status);
        Assert.Equal("true", replayed.Headers["Idempotent-Replayed"].ToString());
        Assert.Equal(Site, replayed.Headers.AccessControlAllowOrigin.ToString());
        Assert.Equal(["Retry-After", "Idempotent-Replayed", "Location"], replayed.Headers.AccessControlExposeHeaders.ToString().Split(", "));
        Assert.Equal(first.Body, replayed.Body);
    }

    [Fact]
    public async Task An_answer_to_another_origin_or_to_no_origin_carries_no_CORS_header_but_varies_by_origin()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, AllowSite);

        var foreign = await SubmitAsync(app, "https://evil.example");
        var sameSite = await SubmitAsync(app, origin: null);

        Assert.All(new[] { foreign, sameSite }, response =>
        {
            Assert.Equal(201, response.Status);
            Assert.DoesNotContain(response.Headers.Keys, name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
            Assert.Equal("Origin", response.Headers.Vary.ToString());
        });
    }

    [Fact]
    public async Task Without_allowed_origins_nothing_is_added()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await SubmitAsync(app, Site);

        Assert.Equal(201, response.Status);
        Assert.DoesNotContain(response.Headers.Keys, name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase) || name == "Vary");
    }

    [Theory]
    [InlineData("Development", "*")]
    [InlineData("Development", "https://*.example.org")]
    [InlineData("Development", "https://www.example.org/app")]
    [InlineData("Development", "https://www.example.org?x=1")]
    [InlineData("Development", "ftp://www.example.org")]
    [InlineData("Development", "www.example.org")]
    [InlineData("Production", "http://www.example.org")]
    [InlineData("Production", "https://www.example.org, http://localhost:3000")]
    public async Task Start_up_refuses_a_wildcard_a_path_or_http_outside_Development(string environment, string origins)
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["Cors:AllowedOrigins"] = origins }, environment, initializeStorage: false);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Cors__AllowedOrigins", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", "http://localhost:3000,http://127.0.0.1:5173")]
    [InlineData("Production", "https://www.example.org, https://example.org/")]
    [InlineData("Production", "")]
    public async Task Start_up_accepts_origins(string environment, string origins)
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["Cors:AllowedOrigins"] = origins }, environment, initializeStorage: false);

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static Task<TestResponse> PreflightAsync(TestApp app, string path, string origin)
    {
        var request = HttpExchange.Request("OPTIONS", path, contentType: null, headers: new Dictionary<string, string>
        {
            ["Origin"] = origin,
            ["Access-Control-Request-Method"] = "POST",
            ["Access-Control-Request-Headers"] = "content-type,idempotency-key",
        });
        return ThroughTheAppAsync(app, request, "Preflight", () => Task.FromResult(app.Function<PreflightFunctions>().Answer(request)));
    }

    private static Task<TestResponse> SubmitAsync(TestApp app, string? origin, object? body = null, string? idempotencyKey = null)
    {
        var headers = new HostForwarded("203.0.113.7");
        if (origin is not null)
        {
            headers["Origin"] = origin;
        }

        if (idempotencyKey is not null)
        {
            headers["Idempotency-Key"] = idempotencyKey;
        }

        var request = HttpExchange.PostJson("/api/registrations", body ?? RegistrationForms.Body(RegistrationForms.NewEmail()), headers);
        return ThroughTheAppAsync(app, request, "SubmitRegistration", () => app.Function<RegistrationFunctions>().SubmitAsync(request, CancellationToken.None));
    }

    /// <summary>The invocation as the worker runs it: the CORS middleware first, then the function, then its result.</summary>
    private static async Task<TestResponse> ThroughTheAppAsync(TestApp app, HttpRequest request, string function, Func<Task<IActionResult>> invoke)
    {
        var middleware = app.Services.GetRequiredService<CrossOriginMiddleware>();
        IActionResult? result = null;
        await middleware.Invoke(new StubFunctionContext(request.HttpContext, function), async _ => result = await invoke());
        return await Task.FromResult(result!).ExecuteAsync(request);
    }
}
