using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Cors;

internal static class CorsServiceCollectionExtensions
{
    /// <summary>The allowed origins (validated at start-up), the policy the worker middleware applies, the preflight answer.</summary>
    public static IServiceCollection AddCrossOrigin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CorsOptions, CorsOptionsValidator>(configuration, CorsOptions.SectionName);
        services.AddSingleton<CorsPolicy>();
        services.AddSingleton<PreflightHandler>();
        return services;
    }
}
