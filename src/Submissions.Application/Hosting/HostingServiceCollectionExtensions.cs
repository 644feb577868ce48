using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Hosting;

internal static class HostingServiceCollectionExtensions
{
    /// <summary>What runs at start-up: tables and queues created, and demo data seeded where asked.</summary>
    public static IServiceCollection AddStartup(this IServiceCollection services, IConfiguration configuration)
    {
        // Nothing to check beyond what the binder converts: a bad SeedOnStart still stops start-up.
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<DemoData>();
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(serviceProvider => serviceProvider.GetRequiredService<StorageInitializer>());
        return services;
    }
}
