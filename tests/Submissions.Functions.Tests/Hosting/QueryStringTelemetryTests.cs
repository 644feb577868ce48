using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using Submissions.Application;
using Submissions.Application.Hosting;
using Submissions.Application.OptOut;
using Submissions.Domain.OptOut;
using Submissions.Functions.Hosting;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage;

namespace Submissions.Functions.Tests.Hosting;

/// <summary>
/// What the telemetry pipeline would export for real HTTP requests through ASP.NET Core (the worker's own web host,
/// which the Functions host proxies to): the app's storage, telemetry and application registrations exactly as
/// <see cref="SubmissionsFunctionsApp"/> adds them, on Kestrel at 127.0.0.1, with in-memory exporters beside the real
/// ones. An opt-out token is a bearer capability and a function key in <c>?code=</c> is a secret: neither may appear in
/// any exported span, any exported log record, or any log line at all.
/// </summary>
public sealed class QueryStringTelemetryTests(AzuriteFixture azurite)
{
    private const string FunctionKey = "function-key-0123456789abcdefghijklmnop";

    [Fact]
    public async Task No_span_or_log_carries_an_opt_out_token_or_a_function_key()
    {
        var spans = new List<Activity>();
        var exportedLogs = new List<string>();
        await using var app = await StartAsync(spans, exportedLogs);
        var links = app.Services.GetRequiredService<OptOutLinks>();
        var link = links.For(RegistrationForms.NewEmail(), OptOutScope.SpecialOffers);
        var escapedToken = link.Url.Query[(OptOutHandler.TokenParameter.Length + 2)..];
        var token = Uri.UnescapeDataString(escapedToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var page = await client.GetAsync(new Uri($"{OptOutLinks.Path}{link.Url.Query}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var oneClick = await client.PostAsync(
            new Uri($"{OptOutLinks.Path}{link.Url.Query}", UriKind.Relative),
            new StringContent(OptOutLink.OneClick, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
            TestContext.Current.CancellationToken);
        using var health = await client.GetAsync(new Uri($"/api/health?code={FunctionKey}", UriKind.Relative), TestContext.Current.CancellationToken);

        // Stopping waits for the requests in flight, so every server span has ended and been exported.
        await app.StopAsync(TestContext.Current.CancellationToken);
        Assert.True(page.IsSuccessStatusCode, string.Join(Environment.NewLine, app.Services.GetFakeLogCollector().GetSnapshot().Where(record => record.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(TestApp.LogText)));
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal(200, (int)oneClick.StatusCode);

        string[] secrets = [token, escapedToken, FunctionKey];
        var spanTexts = spans.Select(SpanText).ToList();
        var logTexts = app.Services.GetFakeLogCollector().GetSnapshot().Select(TestApp.LogText).ToList();

        // A snapshot, taken under the capture's lock: the host may still log while it winds down.
        string[] exported;
        lock (exportedLogs)
        {
            exported = [.. exportedLogs];
        }

        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logTexts, text => text.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(exported, text => text.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(spanTexts, text => text.Contains(secret, StringComparison.Ordinal));
        }

        // Not vacuous: the requests were traced and logged, by path.
        Assert.Equal(2, spans.Count(span => span.Kind == ActivityKind.Server && Equals(span.GetTagItem("url.path"), OptOutLinks.Path)));
        Assert.Contains(spans, span => span.Kind == ActivityKind.Server && Equals(span.GetTagItem("url.path"), "/api/health"));
        Assert.Contains(exported, text => text.Contains("Opt-out by link", StringComparison.Ordinal));
    }

    private async Task<WebApplication> StartAsync(List<Activity> spans, List<string> exportedLogs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SubmissionsStorage"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10],
            ["Privacy:SubjectKeyPepper"] = TestApp.TestPepper,
            ["OptOut:PublicBaseUrl"] = "https://submissions.example.test",
            [Submissions.Application.Partners.PartnerSettings.SigningSecret("demo-partner")] = TestApp.NewSigningSecret(),
        });
        builder.Logging.AddFakeLogging();
        builder.Services
            .AddSubmissionsStorage(builder.Configuration)
            .AddSubmissionsTelemetry(builder.Configuration)
            .AddSubmissionsApplication(builder.Configuration);
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithLogging(logging => logging.AddProcessor(new LogTextCapture(exportedLogs)));

        var app = builder.Build();
        app.MapGet(OptOutLinks.Path, (HttpContext context) => RunAsync(context, Function<OptOutFunctions>(context).ConfirmAsync(context.Request, context.RequestAborted)));
        app.MapPost(OptOutLinks.Path, (HttpContext context) => RunAsync(context, Function<OptOutFunctions>(context).OptOutAsync(context.Request, context.RequestAborted)));
        app.MapGet("/api/health", (HttpContext context) => RunAsync(context, Function<HealthFunctions>(context).GetAsync(context.Request, context.RequestAborted)));
        await app.Services.GetRequiredService<StorageInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    /// <summary>The function class as the worker makes it: from the request's services.</summary>
    private static T Function<T>(HttpContext context)
        where T : class => ActivatorUtilities.CreateInstance<T>(context.RequestServices);

    /// <summary>Runs the function's result into the response, as the worker's ASP.NET Core integration does.</summary>
    private static async Task RunAsync(HttpContext context, Task<IActionResult> function)
    {
        var result = await function;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    private static string SpanText(Activity span) => string.Join(
        " | ",
        span.DisplayName,
        span.OperationName,
        string.Join(';', span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}")),
        string.Join(';', span.Events.SelectMany(spanEvent => spanEvent.Tags.Select(tag => $"{tag.Key}={tag.Value}"))),
        string.Join(';', span.Baggage.Select(item => $"{item.Key}={item.Value}")));

    /// <summary>The text of every log record the OpenTelemetry pipeline exports: message, body, attributes.</summary>
    private sealed class LogTextCapture(List<string> texts) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            var attributes = data.Attributes is null ? string.Empty : string.Join(';', data.Attributes.Select(pair => $"{pair.Key}={pair.Value}"));
            lock (texts)
            {
                texts.Add(string.Join(" | ", data.CategoryName, data.FormattedMessage, data.Body, attributes));
            }
        }
    }
}
