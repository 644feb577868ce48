using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>
/// Azure Resource Manager for one function app, on a loopback Kestrel: GET of the site (its
/// <c>properties.defaultHostName</c>) and POST listkeys (its default key), both only for the expected bearer token.
/// </summary>
internal sealed class FakeArm(WebApplication app) : IAsyncDisposable
{
    public ConcurrentQueue<ArmRequest> Requests { get; } = new();

    public Uri Address => new(LoopbackKestrel.AddressOf(app) + "/");

    public static async Task<FakeArm> StartAsync(string defaultKey, string defaultHostName = "127.0.0.1", string? acceptedToken = null)
    {
        var app = LoopbackKestrel.Build();
        var arm = new FakeArm(app);
        var expected = "Bearer " + (acceptedToken ?? TestCredential.TokenFor("https://management.azure.com/.default"));
        await LoopbackKestrel.StartAsync(app, async http =>
        {
            var authorization = http.Request.Headers.Authorization.ToString();
            arm.Requests.Enqueue(new ArmRequest($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}", authorization));
            if (authorization != expected)
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            object answer = HttpMethods.IsGet(http.Request.Method)
                ? new { properties = new { defaultHostName } }
                : new { functionKeys = new Dictionary<string, string> { ["default"] = defaultKey }, masterKey = "master-not-used" };
            await http.Response.WriteAsJsonAsync(answer);
        });
        return arm;
    }

    public async ValueTask DisposeAsync()
    {
        await LoopbackKestrel.StopAsync(app);
    }
}
