using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Submissions.Application.Cors;

namespace Submissions.Functions.Hosting;

/// <summary>
/// Hands every HTTP invocation's response to the app's CORS policy before anything runs, so whatever answers — a
/// function, a refusal, the exception middleware — carries the same CORS headers.
/// </summary>
public sealed class CrossOriginMiddleware(CorsPolicy policy) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            policy.ApplyTo(http);
        }

        return next(context);
    }
}
