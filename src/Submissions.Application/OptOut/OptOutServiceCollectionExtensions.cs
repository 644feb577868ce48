using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.OptOut;

internal static class OptOutServiceCollectionExtensions
{
    /// <summary>One-click opt-out links and their endpoint.</summary>
    public static IServiceCollection AddOptOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<OptOutOptions, OptOutOptionsValidator>(configuration, OptOutOptions.SectionName);
        services.AddSingleton<OptOutLinks>();
        services.AddSingleton<OptOutHandler>();
        return services;
    }
}
