using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Submissions.Application.Admin;

namespace Submissions.Functions.Hosting;

/// <summary>
/// Admin authorization written once for every /api/manage/* function, so a new manage function is covered without a
/// line of its own. A refused request is answered here and the function never runs. Refusals are logged by function
/// and reason only: the principal header and its claims identify the caller and stay out of the logs.
/// </summary>
public sealed partial class AdminAuthorizationMiddleware(AdminAuthorization authorization, ILogger<AdminAuthorizationMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.GetHttpContext();
        if (http is null || !ManageRoutes.Cover(http.Request.Path, context.FunctionDefinition)
            || authorization.Authorize(http.Request) is not { } refusal)
        {
            await next(context);
            return;
        }

        LogRefused(logger, context.FunctionDefinition.Name, refusal.Reason);
        await refusal.Response.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
    }

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Admin request to function {Function} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string function, AdminRefusalReason reason);
}
