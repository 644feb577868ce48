using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Partners;

internal static class PartnersServiceCollectionExtensions
{
    /// <summary>Partner definitions.</summary>
    public static IServiceCollection AddPartners(this IServiceCollection services)
    {
        services.AddSingleton<PartnersHandler>();
        return services;
    }
}
