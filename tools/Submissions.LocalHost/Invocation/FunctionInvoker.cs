using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost.Invocation;

/// <summary>
/// Invokes the app's functions the way the isolated worker does: a service scope per invocation, the app's own worker
/// middleware around the function in the order the app registered it, the function class built by the app's services,
/// and an HTTP function's IActionResult executed on the request's HttpContext.
/// </summary>
internal sealed class FunctionInvoker
{
    private static readonly object InputKey = new();

    private readonly IServiceProvider services;
    private readonly Dictionary<string, FunctionMethod> methods;
    private readonly FunctionExecutionDelegate pipeline;

    public FunctionInvoker(IServiceProvider services, IReadOnlyList<FunctionEntry> functions, IReadOnlyList<Type> middleware)
    {
        this.services = services;
        var app = typeof(Submissions.Functions.Hosting.SubmissionsFunctionsApp).Assembly;
        methods = functions.ToDictionary(function => function.Name, function => FunctionMethod.Resolve(function, app), StringComparer.Ordinal);

        // Innermost first: the function, then each middleware around what it wraps, the first registered outermost.
        FunctionExecutionDelegate next = RunFunctionAsync;
        foreach (var type in middleware.Reverse())
        {
            var inner = next;
            next = context => ((IFunctionsWorkerMiddleware)context.InstanceServices.GetRequiredService(type)).Invoke(context, inner);
        }

        pipeline = next;
    }

    public async Task InvokeAsync(FunctionEntry function, InvocationInput input, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (input.Http is { } http)
        {
            // Results execute against the app's services (its JSON options, its result executors), not the local host's.
            http.RequestServices = scope.ServiceProvider;
        }

        var context = new LocalFunctionContext(new LocalFunctionDefinition(function), scope.ServiceProvider, input.Http);
        context.Items[InputKey] = (methods[function.Name], input, cancellationToken);
        await pipeline(context);
    }

    private static async Task RunFunctionAsync(FunctionContext context)
    {
        var (method, input, cancellationToken) = ((FunctionMethod, InvocationInput, CancellationToken))context.Items[InputKey];
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.InstanceServices, method.DeclaringType);
        try
        {
            var result = await method.InvokeAsync(instance, context, input, cancellationToken);
            if (result is IActionResult action && input.Http is { } http)
            {
                await action.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
            }
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
