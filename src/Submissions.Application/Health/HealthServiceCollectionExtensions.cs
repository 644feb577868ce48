using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Health;

internal static class HealthServiceCollectionExtensions
{
    /// <summary>The health endpoint and its storage probe.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<HealthOptions, HealthOptionsValidator>(configuration, HealthOptions.SectionName);
        services.AddSingleton<HealthHandler>();
        return services;
    }
}
