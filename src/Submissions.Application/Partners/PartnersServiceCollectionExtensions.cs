using Submissions.Application.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Application.Partners;

internal static class PartnersServiceCollectionExtensions
{
    /// <summary>Partner definitions.</summary>
    public static IServiceCollection AddPartners(this IServiceCollection services)
    {
        services.AddSingleton<PutPartnerHandler>();
        services.AddSingleton<IDemoSeed, DemoPartnerSeed>();
        return services;
    }
}
