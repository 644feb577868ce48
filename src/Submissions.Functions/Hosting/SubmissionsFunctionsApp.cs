using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Submissions.Application;

namespace Submissions.Functions.Hosting;

public static class SubmissionsFunctionsApp
{
    /// <summary>The app as Program.cs runs it: ASP.NET Core integration, storage clients, telemetry, handlers.</summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<UnhandledExceptionMiddleware>();
        builder.Services
            .AddSubmissionsStorage(builder.Configuration)
            .AddSubmissionsTelemetry(builder.Configuration)
            .AddSubmissionsApplication(builder.Configuration);
        return builder;
    }
}
