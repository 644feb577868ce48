using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Submissions.Application.Http;

namespace Submissions.Functions.Hosting;

/// <summary>
/// The last line of defence for HTTP functions: an unexpected exception becomes a 500 problem without a stack trace,
/// and is logged by type and stack only — an exception message may quote input, so it is never logged.
/// </summary>
public sealed partial class UnhandledExceptionMiddleware(ILogger<UnhandledExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false })
        {
            LogUnhandled(logger, context.FunctionDefinition.Name, ex.GetType().FullName, ex.StackTrace);
            var http = context.GetHttpContext()!;
            await Problems.InternalError().ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        }
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} in function {Function}: {StackTrace}")]
    private static partial void LogUnhandled(ILogger logger, string function, string? exceptionType, string? stackTrace);
}
