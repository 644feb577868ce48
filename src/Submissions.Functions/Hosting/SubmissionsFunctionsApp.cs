using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Submissions.Application;
using Submissions.Storage;

namespace Submissions.Functions.Hosting;

public static class SubmissionsFunctionsApp
{
    /// <summary>
    /// The app as Program.cs runs it: ASP.NET Core integration and the worker middleware, then each layer registers
    /// itself (storage: clients, tables, stores; application: options, handlers) beside the telemetry.
    /// </summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        // First, so every answer below — a refusal, a 500, a function's — carries the CORS headers a browser needs.
        builder.UseMiddleware<CrossOriginMiddleware>();
        builder.UseMiddleware<UnhandledExceptionMiddleware>();
        // After the exception middleware, so a failure while refusing is still a bare 500; before every function.
        builder.UseMiddleware<AdminAuthorizationMiddleware>();
        builder.Services
            .AddSubmissionsStorage(builder.Configuration)
            .AddSubmissionsTelemetry(builder.Configuration)
            .AddSubmissionsApplication(builder.Configuration);
        return builder;
    }
}
