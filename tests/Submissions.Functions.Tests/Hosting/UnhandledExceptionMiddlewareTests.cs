using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Testing;
using Submissions.Functions.Hosting;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Hosting;

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

    /// <summary>The minimum of a FunctionContext the middleware reads: the HttpContext item and the function name.</summary>
    private sealed class StubFunctionContext(Microsoft.AspNetCore.Http.HttpContext http) : FunctionContext
    {
        public override string InvocationId => "invocation";
        public override string FunctionId => "function";
        public override TraceContext TraceContext => throw new NotSupportedException();
        public override BindingContext BindingContext => throw new NotSupportedException();
        public override RetryContext RetryContext => throw new NotSupportedException();
        public override IServiceProvider InstanceServices { get; set; } = null!;
        public override FunctionDefinition FunctionDefinition { get; } = new StubFunctionDefinition();
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override Microsoft.Azure.Functions.Worker.IInvocationFeatures Features => throw new NotSupportedException();
    }

    private sealed class StubFunctionDefinition : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => "Submissions.Functions.dll";
        public override string EntryPoint => "Stub";
        public override string Id => "stub";
        public override string Name => "SubmitRegistration";
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
