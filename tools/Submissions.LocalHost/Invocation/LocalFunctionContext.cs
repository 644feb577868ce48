using Microsoft.Azure.Functions.Worker;

namespace Submissions.LocalHost.Invocation;

/// <summary>
/// One invocation as the worker's middleware sees it: the function, a service scope of its own, and — for an HTTP
/// trigger — the HttpContext under the key the ASP.NET Core integration uses, so <c>GetHttpContext()</c> finds it.
/// What the local host does not model (binding and retry contexts, invocation features) throws, so a middleware that
/// starts to need it fails loudly here rather than behaving differently.
/// </summary>
internal sealed class LocalFunctionContext(FunctionDefinition definition, IServiceProvider services, HttpContext? http) : FunctionContext
{
    /// <summary>The Items key under which the worker's ASP.NET Core integration keeps the HttpContext.</summary>
    public const string HttpContextKey = "HttpRequestContext";

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => definition.Id;

    public override TraceContext TraceContext => throw new NotSupportedException("The local host has no trace context.");

    public override BindingContext BindingContext => throw new NotSupportedException("The local host binds parameters itself.");

    public override RetryContext RetryContext => throw new NotSupportedException("The local host has no retry policies.");

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => definition;

    public override IDictionary<object, object> Items { get; set; } =
        http is null ? new Dictionary<object, object>() : new Dictionary<object, object> { [HttpContextKey] = http };

    public override IInvocationFeatures Features => throw new NotSupportedException("The local host has no invocation features.");
}
