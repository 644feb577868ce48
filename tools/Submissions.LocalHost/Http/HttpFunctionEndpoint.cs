using Submissions.LocalHost.Invocation;
using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost.Http;

/// <summary>
/// What the Functions host does with a request before and around the worker: find the function by route and method
/// (else an empty 404), check its key (else an empty 401), and forward the request as the host's proxy does — the
/// client address is the connection's, and an X-Forwarded-For the client sent never reaches the app (measured on the
/// real host: ../shared/platform-notes.md). A failure the app did not turn into a response is an empty 500.
/// </summary>
internal sealed partial class HttpFunctionEndpoint(
    HttpFunctionRoutes routes,
    FunctionKeys keys,
    Func<FunctionEntry, InvocationInput, CancellationToken, Task> invoke,
    ILogger<HttpFunctionEndpoint> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (routes.Find(http.Request.Method, http.Request.Path) is not ({ } route, { } values))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!keys.Admit(route.Trigger.AuthLevel, http.Request))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        http.Request.Headers.Remove("X-Forwarded-For");
        try
        {
            await invoke(route.Function, new InvocationInput(http.Request, http, values), http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody to answer.
        }
        catch (Exception ex)
        {
            // Caught here, not left to Kestrel, whose log would carry the exception's message.
            LogFailed(logger, route.Function.Name, ex.GetType().FullName);
            if (http.Response.HasStarted)
            {
                http.Abort();
                return;
            }

            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }

    // The exception's type only: its message may quote a request's values.
    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Function {Function} failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string function, string? exceptionType);
}
