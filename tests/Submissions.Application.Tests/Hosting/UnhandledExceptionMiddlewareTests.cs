using Microsoft.Extensions.Logging.Testing;
using Submissions.Functions.Hosting;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Application.Tests.Hosting;

public sealed class UnhandledExceptionMiddlewareTests
{
    [Fact]
    public async Task An_unexpected_exception_becomes_a_bare_500_problem_and_its_message_is_not_logged()
    {
        const string secret = "victim@example.test";
        var logger = new FakeLogger<UnhandledExceptionMiddleware>();
        var middleware = new UnhandledExceptionMiddleware(logger);
        var request = HttpExchange.Request("POST", "/api/registrations", "{}");
        var context = new StubFunctionContext(request.HttpContext);

        await middleware.Invoke(context, _ => throw new InvalidOperationException($"Could not handle {secret}"));

        var response = request.HttpContext.Response;
        response.Body.Position = 0;
        var body = await new StreamReader(response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Equal(500, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains("InvalidOperationException", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, record.Message, StringComparison.Ordinal);
        Assert.Null(record.Exception);
    }

    [Fact]
    public async Task A_normal_invocation_passes_through_untouched()
    {
        var middleware = new UnhandledExceptionMiddleware(new FakeLogger<UnhandledExceptionMiddleware>());
        var request = HttpExchange.Request("GET", "/api/health", contentType: null);
        var invoked = false;

        await middleware.Invoke(new StubFunctionContext(request.HttpContext), _ =>
        {
            invoked = true;
            return Task.CompletedTask;
        });

        Assert.True(invoked);
        Assert.Equal(200, request.HttpContext.Response.StatusCode);
    }
}
